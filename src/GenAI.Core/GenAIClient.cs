using System;
using System.Net.Http;
using GenAI.Core.Caches;
using GenAI.Core.Files;
using GenAI.Core.Models;
using GenAI.Core.Transport;

namespace GenAI.Core
{
    /// <summary>Composition root: every service client over one transport (one connection pool).</summary>
    public sealed class GenAIClient : IDisposable
    {
        private readonly HttpClient _http;

        /// <param name="options">Endpoint, key and defaults.</param>
        /// <param name="transport">The protocol for API calls; REST over this client's HTTP connection pool by default.</param>
        /// <param name="uploader">How file bytes are sent; the resumable HTTP protocol by default (uploads are HTTP whatever the transport).</param>
        public GenAIClient(GenAIClientOptions options, ITransport? transport = null, IFileUploader? uploader = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _http = HttpClientFactory.Create(options.Proxy);
            Transport = transport ?? new RestTransport(options, _http);
            Models = new ModelsClient(Transport);
            Files = new FilesClient(Transport, uploader ?? new ResumableUploader(options, _http));
            Caches = new CachesClient(Transport);
        }

        public GenAIClientOptions Options { get; }

        public ITransport Transport { get; }

        public ModelsClient Models { get; }

        public FilesClient Files { get; }

        public CachesClient Caches { get; }

        public void Dispose()
        {
            Transport.Dispose();
            _http.Dispose();
        }
    }
}
