using System;
using System.Net.Http;
using GenAI.Core.Batches;
using GenAI.Core.Caches;
using GenAI.Core.Embeddings;
using GenAI.Core.Files;
using GenAI.Core.Models;
using GenAI.Core.Transport;
using GenAI.Core.Workflows;

namespace GenAI.Core
{
    /// <summary>
    /// Composition root: every service client over one transport. The transport is wrapped in a
    /// <see cref="RetryingTransport"/>, so every call gets retries and the deadline. With REST, API calls and
    /// uploads share one HTTP client (one connection pool).
    /// </summary>
    public sealed class GenAIClient : IDisposable
    {
        private readonly HttpClient _http;   // uploads (HTTP whatever the transport), and the REST transport's calls

        /// <param name="options">Endpoint, key and defaults.</param>
        /// <param name="transport">The protocol for API calls; by default the one <see cref="GenAIClientOptions.Transport"/> names.</param>
        /// <param name="uploader">How file bytes are sent; the resumable HTTP protocol by default (uploads are HTTP whatever the transport).</param>
        public GenAIClient(GenAIClientOptions options, ITransport? transport = null, IFileUploader? uploader = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _http = HttpClientFactory.Create(options.Proxy);
            ITransport wire;
            if (transport != null)
            {
                wire = transport is RetryingTransport retrying ? retrying.Inner : transport;
                TransportKind = wire is RestTransport ? TransportKind.Rest : options.Transport;
            }
            else
            {
                var selection = TransportFactory.Create(options, _http);
                wire = selection.Transport;
                TransportKind = selection.Kind;
                TransportFallbackReason = selection.FallbackReason;
            }
            WireTransport = wire;
            Transport = transport as RetryingTransport ?? new RetryingTransport(wire, options.Retry, options.Defaults);
            Models = new ModelsClient(Transport);
            Files = new FilesClient(Transport, uploader ?? new ResumableUploader(options, _http));
            Caches = new CachesClient(Transport);
            Embeddings = new EmbeddingsClient(Transport);
            Batches = new BatchesClient(new BatchRestApi(options, _http), Files);
            Prompts = new PromptCalls(Models, Files);
        }

        public GenAIClientOptions Options { get; }

        /// <summary>The transport calls go through (the retrying decorator over the wire transport).</summary>
        public ITransport Transport { get; }

        /// <summary>The transport that makes each attempt (REST or gRPC), under the retries of <see cref="Transport"/>.</summary>
        public ITransport WireTransport { get; }

        /// <summary>The protocol in use (REST when gRPC was asked for but is unavailable).</summary>
        public TransportKind TransportKind { get; }

        /// <summary>Why REST is used although the options ask for gRPC; null otherwise. Front ends show it.</summary>
        public string? TransportFallbackReason { get; }

        public ModelsClient Models { get; }

        public FilesClient Files { get; }

        public CachesClient Caches { get; }

        public EmbeddingsClient Embeddings { get; }
        /// <summary>The Batch API; over REST whatever <see cref="TransportKind"/> is (the public protos have no batch RPC).</summary>
        public BatchesClient Batches { get; }

        /// <summary>Generate, stream, count tokens or send a chat turn, first moving inline data over the request limit to the Files API.</summary>
        public PromptCalls Prompts { get; }

        public void Dispose()
        {
            Transport.Dispose();
            _http.Dispose();
        }
    }
}
