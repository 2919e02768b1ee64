using System;
using GenAI.Core.Caches;
using GenAI.Core.Models;
using GenAI.Core.Transport;

namespace GenAI.Core
{
    /// <summary>
    /// Composition root: every service client over one transport (one connection pool). The transport
    /// is wrapped in a <see cref="RetryingTransport"/>, so every call gets retries and the deadline.
    /// </summary>
    public sealed class GenAIClient : IDisposable
    {
        public GenAIClient(GenAIClientOptions options, ITransport? transport = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            var inner = transport ?? new RestTransport(options);
            Transport = inner is RetryingTransport ? inner : new RetryingTransport(inner, options.Retry, options.Defaults);
            Models = new ModelsClient(Transport);
            Caches = new CachesClient(Transport);
        }

        public GenAIClientOptions Options { get; }

        /// <summary>The transport calls go through (the retrying decorator over the wire transport).</summary>
        public ITransport Transport { get; }

        public ModelsClient Models { get; }

        public CachesClient Caches { get; }

        public void Dispose() => Transport.Dispose();
    }
}
