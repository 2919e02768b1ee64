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

        /// <summary>Product token put in front of the x-goog-api-client header.</summary>
        public string ClientName { get; set; } = "genai-powershell";

        public override string ToString() => $"{BaseUri} ({ApiVersion}), key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")}";
    }
}
