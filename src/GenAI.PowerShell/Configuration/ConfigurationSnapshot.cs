using System;
using System.Security;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>The settings made with Set-GenAIConfiguration at one moment (to save to a file, or to restore later).</summary>
    internal sealed class ConfigurationSnapshot
    {
        public ConfigurationSnapshot(SecureString? apiKey, ApiKeySecret? secret, Uri? baseUri, string apiVersion, string? defaultModel,
            TimeSpan? timeout, int? maxRetries, ProxySetting proxy)
        {
            ApiKey = apiKey;
            Secret = secret;
            BaseUri = baseUri;
            ApiVersion = apiVersion;
            DefaultModel = defaultModel;
            Timeout = timeout;
            MaxRetries = maxRetries;
            Proxy = proxy;
        }

        public SecureString? ApiKey { get; }

        public ApiKeySecret? Secret { get; }

        public Uri? BaseUri { get; }

        public string ApiVersion { get; }

        public string? DefaultModel { get; }

        public TimeSpan? Timeout { get; }

        public int? MaxRetries { get; }

        public ProxySetting Proxy { get; }

        /// <summary>The default total time limit of a call; null: none.</summary>
        public TimeSpan? Deadline { get; set; }

        public GenAI.Core.Transport.TransportKind Transport { get; set; }

        public Uri? GrpcUri { get; set; }
    }
}
