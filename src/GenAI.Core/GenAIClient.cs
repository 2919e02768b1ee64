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
            ITransport wire;
            if (transport != null)
            {
                wire = transport is RetryingTransport retrying ? retrying.Inner : transport;
                TransportKind = wire is RestTransport ? TransportKind.Rest : options.Transport;
            }
            else
            {
                var selection = TransportFactory.Create(options);
                wire = selection.Transport;
                TransportKind = selection.Kind;
                TransportFallbackReason = selection.FallbackReason;
            }
            WireTransport = wire;
            Transport = transport as RetryingTransport ?? new RetryingTransport(wire, options.Retry, options.Defaults);
            Models = new ModelsClient(Transport);
            Caches = new CachesClient(Transport);
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

        public CachesClient Caches { get; }

        public void Dispose() => Transport.Dispose();
    }
}
