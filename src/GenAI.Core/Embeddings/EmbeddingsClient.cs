using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Embeddings
{
    /// <summary>Text embeddings: embedContent for one text, batchEmbedContents for up to <see cref="EmbeddingLimits.MaxRequestsPerCall"/>.</summary>
    public sealed class EmbeddingsClient
    {
        private readonly ITransport _transport;

        internal EmbeddingsClient(ITransport transport) { _transport = transport; }

        public Task<EmbedContentResponse> EmbedContentAsync(string model, EmbedContentRequest request,
            RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.EmbedContentAsync(ModelNames.Normalize(model), request ?? throw new ArgumentNullException(nameof(request)),
                options ?? RequestOptions.Default, cancellationToken);

        public Task<BatchEmbedContentsResponse> BatchEmbedContentsAsync(string model, BatchEmbedContentsRequest request,
            RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.BatchEmbedContentsAsync(ModelNames.Normalize(model), request ?? throw new ArgumentNullException(nameof(request)),
                options ?? RequestOptions.Default, cancellationToken);

        /// <summary>
        /// Embeds up to <see cref="EmbeddingLimits.MaxRequestsPerCall"/> texts in one batchEmbedContents call and returns
        /// their vectors in the order of <paramref name="texts"/>, as the service sent them (see <see cref="EmbeddingVector.Normalize"/>).
        /// </summary>
        public async Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<string> texts, EmbeddingSettings? settings = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (texts == null) throw new ArgumentNullException(nameof(texts));
            if (texts.Count == 0) return Array.Empty<float[]>();
            if (texts.Count > EmbeddingLimits.MaxRequestsPerCall)
                throw new ArgumentException($"At most {EmbeddingLimits.MaxRequestsPerCall} texts go in one call; {texts.Count} were given.", nameof(texts));
            settings ??= new EmbeddingSettings();
            settings.Validate();
            string name = ModelNames.Normalize(model);
            var request = new BatchEmbedContentsRequest();
            foreach (string text in texts) request.Requests.Add(settings.BuildRequest(name, text));
            var response = await BatchEmbedContentsAsync(name, request, options, cancellationToken).ConfigureAwait(false);
            if (response.Embeddings.Count != texts.Count)
                throw new ResponseParseException($"batchEmbedContents returned {response.Embeddings.Count} embeddings for {texts.Count} texts.");
            var vectors = new float[texts.Count][];
            for (int i = 0; i < vectors.Length; i++) vectors[i] = response.Embeddings[i].Values;
            return vectors;
        }
    }
}
