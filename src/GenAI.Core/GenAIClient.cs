using System;
using GenAI.Core.Caches;
using GenAI.Core.Models;
using GenAI.Core.Transport;

namespace GenAI.Core
{
    /// <summary>Composition root: every service client over one transport (one connection pool).</summary>
    public sealed class GenAIClient : IDisposable
    {
        public GenAIClient(GenAIClientOptions options, ITransport? transport = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Transport = transport ?? new RestTransport(options);
            Models = new ModelsClient(Transport);
            Caches = new CachesClient(Transport);
        }

        public GenAIClientOptions Options { get; }

        public ITransport Transport { get; }

        public ModelsClient Models { get; }

        public CachesClient Caches { get; }

        public void Dispose() => Transport.Dispose();
    }
}
