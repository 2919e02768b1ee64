using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Protocol;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// One wire protocol (REST+SSE or gRPC) speaking the Generative Language API. Implementations throw
    /// <see cref="Errors.GenAIException"/> subclasses only; they do not retry (a decorator does).
    /// Names passed in are already normalised (<c>models/x</c>, <c>cachedContents/x</c>, <c>files/x</c>).
    /// </summary>
    public interface ITransport : System.IDisposable
    {
        Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken);

        /// <summary>Chunks are yielded as they arrive. Errors before the first chunk and mid-stream both throw from MoveNextAsync.</summary>
        IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken);

        Task<CountTokensResponse> CountTokensAsync(string model, CountTokensRequest request, RequestOptions options, CancellationToken cancellationToken);

        Task<Model> GetModelAsync(string name, RequestOptions options, CancellationToken cancellationToken);

        Task<ListModelsResponse> ListModelsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken);

        Task<CachedContent> CreateCachedContentAsync(CachedContent cachedContent, RequestOptions options, CancellationToken cancellationToken);

        Task<CachedContent> GetCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken);

        Task<ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken);

        /// <summary>Updates the fields named in <paramref name="updateMask"/> (ttl or expireTime).</summary>
        Task<CachedContent> UpdateCachedContentAsync(CachedContent cachedContent, string updateMask, RequestOptions options, CancellationToken cancellationToken);

        Task DeleteCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken);

        Task<GenAIFile> GetFileAsync(string name, RequestOptions options, CancellationToken cancellationToken);

        Task<ListFilesResponse> ListFilesAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken);

        Task DeleteFileAsync(string name, RequestOptions options, CancellationToken cancellationToken);

        Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request, RequestOptions options, CancellationToken cancellationToken);

        /// <summary>At most 100 requests, each naming <paramref name="model"/>; one embedding per request, in order.</summary>
        Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request, RequestOptions options, CancellationToken cancellationToken);
    }
}
