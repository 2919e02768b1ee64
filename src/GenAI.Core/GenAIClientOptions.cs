using System;
using System.Net;
using GenAI.Core.Transport;

namespace GenAI.Core
{
    /// <summary>How a <see cref="GenAIClient"/> reaches the service. The key is never printed.</summary>
    public sealed class GenAIClientOptions
    {
        public Uri BaseUri { get; set; } = Endpoint.Default;

        /// <summary>Sent only in the x-goog-api-key header.</summary>
        public string? ApiKey { get; set; }

        public string ApiVersion { get; set; } = "v1beta";

        /// <summary>Null: the system proxy (HTTPS_PROXY/NO_PROXY on Unix).</summary>
        public IWebProxy? Proxy { get; set; }

        /// <summary>Defaults for every call (timeout, retries, deadline, log); per-call options override them.</summary>
        public RequestOptions Defaults { get; set; } = new RequestOptions();

        /// <summary>What is retried and the backoff between attempts; its clock is the seam for tests.</summary>
        public RetryPolicy Retry { get; set; } = new RetryPolicy();

        /// <summary>REST (default) or gRPC; see <see cref="TransportFactory"/> for how gRPC is loaded.</summary>
        public TransportKind Transport { get; set; } = TransportKind.Rest;

        /// <summary>
        /// The gRPC endpoint. Null: the scheme, host and port of <see cref="BaseUri"/> (the real service
        /// serves gRPC on the same host, port 443). A local emulator serves gRPC on a port of its own.
        /// https:// means TLS; http:// (h2c, plain HTTP/2) is allowed only for loopback addresses.
        /// </summary>
        public Uri? GrpcUri { get; set; }

        /// <summary>The gRPC endpoint in effect: <see cref="GrpcUri"/>, else the root of <see cref="BaseUri"/>.</summary>
        public Uri EffectiveGrpcUri => Endpoint.Validate(GrpcUri ?? new Uri(Endpoint.Validate(BaseUri).GetLeftPart(UriPartial.Authority) + "/"));

        /// <summary>Product token put in front of the x-goog-api-client header.</summary>
        public string ClientName { get; set; } = "genai-powershell";

        public override string ToString() => $"{BaseUri} ({ApiVersion}), key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")}";
    }
}
