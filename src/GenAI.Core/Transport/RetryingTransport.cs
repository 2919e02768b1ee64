using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Protocol;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Decorates any <see cref="ITransport"/> (REST or gRPC) with retries of transient failures (a Polly
    /// retry strategy driven by <see cref="RetryPolicy"/>) and the overall deadline of
    /// <see cref="RequestOptions.Deadline"/>. A stream is retried only until its first chunk arrives;
    /// after that its errors go to the caller with the chunks already yielded.
    /// </summary>
    public sealed class RetryingTransport : ITransport
    {
        private readonly ITransport _inner;
        private readonly RetryRunner _runner;

        /// <param name="inner">The transport that makes each attempt.</param>
        /// <param name="policy">What is retried and how long to wait; read when the first call with a given retry count runs.</param>
        /// <param name="defaults">The client's defaults for MaxRetries, Deadline and Log.</param>
        public RetryingTransport(ITransport inner, RetryPolicy? policy = null, RequestOptions? defaults = null)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _runner = new RetryRunner(policy, defaults);
        }

        /// <summary>The transport that makes each attempt.</summary>
        public ITransport Inner => _inner;

        public Task<GenerateContentResponse> GenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("generateContent", options, (o, t) => _inner.GenerateContentAsync(model, request, o, t), cancellationToken);

        public async IAsyncEnumerable<GenerateContentResponse> StreamGenerateContentAsync(string model, GenerateContentRequest request, RequestOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var call = Start("streamGenerateContent", options, cancellationToken);
            IAsyncEnumerator<GenerateContentResponse>? stream = null;
            bool hasFirst = await _runner.ExecuteAsync(call, async (o, token) =>
            {
                var attempt = _inner.StreamGenerateContentAsync(model, request, o, token).GetAsyncEnumerator(token);
                try
                {
                    bool any = await attempt.MoveNextAsync().ConfigureAwait(false);
                    stream = attempt;
                    attempt = null;
                    return any;
                }
                finally
                {
                    if (attempt != null) await attempt.DisposeAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

            try
            {
                if (!hasFirst) yield break;
                yield return stream!.Current;
                while (true)
                {
                    bool next;
                    try { next = await stream.MoveNextAsync().ConfigureAwait(false); }
                    catch (Exception ex) { throw call.Fail(ex, retryPhase: false); }
                    if (!next) yield break;
                    yield return stream.Current;
                }
            }
            finally
            {
                if (stream != null) await stream.DisposeAsync().ConfigureAwait(false);
            }
        }

        public Task<CountTokensResponse> CountTokensAsync(string model, CountTokensRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("countTokens", options, (o, t) => _inner.CountTokensAsync(model, request, o, t), cancellationToken);

        public Task<Model> GetModelAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("models.get", options, (o, t) => _inner.GetModelAsync(name, o, t), cancellationToken);

        public Task<ListModelsResponse> ListModelsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("models.list", options, (o, t) => _inner.ListModelsAsync(pageSize, pageToken, o, t), cancellationToken);

        // Not idempotent: after a 5xx or a dropped connection the cache may exist, and a retry would make a second one.
        public Task<CachedContent> CreateCachedContentAsync(CachedContent cachedContent, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("cachedContents.create", options, (o, t) => _inner.CreateCachedContentAsync(cachedContent, o, t), cancellationToken, idempotent: false);

        public Task<CachedContent> GetCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("cachedContents.get", options, (o, t) => _inner.GetCachedContentAsync(name, o, t), cancellationToken);

        public Task<ListCachedContentsResponse> ListCachedContentsAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("cachedContents.list", options, (o, t) => _inner.ListCachedContentsAsync(pageSize, pageToken, o, t), cancellationToken);

        public Task<CachedContent> UpdateCachedContentAsync(CachedContent cachedContent, string updateMask, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("cachedContents.patch", options, (o, t) => _inner.UpdateCachedContentAsync(cachedContent, updateMask, o, t), cancellationToken);

        public Task DeleteCachedContentAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("cachedContents.delete", options, async (o, t) => { await _inner.DeleteCachedContentAsync(name, o, t).ConfigureAwait(false); return true; }, cancellationToken);

        public Task<GenAIFile> GetFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("files.get", options, (o, t) => _inner.GetFileAsync(name, o, t), cancellationToken);

        public Task<ListFilesResponse> ListFilesAsync(int? pageSize, string? pageToken, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("files.list", options, (o, t) => _inner.ListFilesAsync(pageSize, pageToken, o, t), cancellationToken);

        public Task DeleteFileAsync(string name, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("files.delete", options, async (o, t) => { await _inner.DeleteFileAsync(name, o, t).ConfigureAwait(false); return true; }, cancellationToken);

        public Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("embedContent", options, (o, t) => _inner.EmbedContentAsync(model, request, o, t), cancellationToken);

        public Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request, RequestOptions options, CancellationToken cancellationToken) =>
            RunAsync("batchEmbedContents", options, (o, t) => _inner.BatchEmbedContentsAsync(model, request, o, t), cancellationToken);

        public void Dispose() => _inner.Dispose();

        private RetryCall Start(string operation, RequestOptions options, CancellationToken cancellationToken, bool idempotent = true) =>
            _runner.Start(operation, options, cancellationToken, idempotent);

        private async Task<T> RunAsync<T>(string operation, RequestOptions options, Func<RequestOptions, CancellationToken, Task<T>> attempt,
            CancellationToken cancellationToken, bool idempotent = true)
        {
            using var call = Start(operation, options, cancellationToken, idempotent);
            return await _runner.ExecuteAsync(call, attempt).ConfigureAwait(false);
        }
    }
}
