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
            if (transport != null)
            {
                Transport = transport;
                TransportKind = transport is RestTransport ? TransportKind.Rest : options.Transport;
            }
            else
            {
                var selection = TransportFactory.Create(options);
                Transport = selection.Transport;
                TransportKind = selection.Kind;
                TransportFallbackReason = selection.FallbackReason;
            }
            Models = new ModelsClient(Transport);
            Caches = new CachesClient(Transport);
        }

        public GenAIClientOptions Options { get; }

        public ITransport Transport { get; }

        /// <summary>The protocol in use (REST when gRPC was asked for but is unavailable).</summary>
        public TransportKind TransportKind { get; }

        /// <summary>Why REST is used although the options ask for gRPC; null otherwise. Front ends show it.</summary>
        public string? TransportFallbackReason { get; }

        public ModelsClient Models { get; }

        public CachesClient Caches { get; }

        public void Dispose() => Transport.Dispose();
    }
}
