using System;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>What Get-GenAIConfiguration shows. Holds only a masked form of the key.</summary>
    public sealed class GenAIConfigurationInfo
    {
        internal GenAIConfigurationInfo(Uri baseUri, string baseUriSource, string apiVersion, string apiKey, string apiKeySource,
            string defaultModel, TimeSpan? timeout, int maxRetries, TimeSpan? deadline)
        {
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            ApiVersion = apiVersion;
            ApiKey = apiKey;
            ApiKeySource = apiKeySource;
            DefaultModel = defaultModel;
            TimeoutSec = timeout?.TotalSeconds;
            MaximumRetryCount = maxRetries;
            TotalTimeoutSec = deadline?.TotalSeconds;
        }

        public Uri BaseUri { get; }

        public string BaseUriSource { get; }

        public string ApiVersion { get; }

        /// <summary>Masked: the last four characters at most.</summary>
        public string ApiKey { get; }

        public string ApiKeySource { get; }

        public string DefaultModel { get; }

        /// <summary>Per attempt; empty: 600 s for generation, 60 s for other calls.</summary>
        public double? TimeoutSec { get; }

        /// <summary>Retries of transient failures (the module's default is 3).</summary>
        public int MaximumRetryCount { get; }

        /// <summary>The whole call's time limit, retries and waits included; empty: none.</summary>
        public double? TotalTimeoutSec { get; }

        /// <summary>The wire protocol new calls use (Rest or Grpc).</summary>
        public TransportKind Transport { get => (TransportKind)_transport; internal set => _transport = value; }

        // Boxed (see ModuleInitializer): a GenAI.Core value type as a field of an exported type would make PowerShell load
        // GenAI.Core while it lists the module's types, before the module's resolver is hooked.
        private object _transport = TransportKind.Rest;

        /// <summary>The gRPC endpoint in effect (set explicitly, or derived from BaseUri).</summary>
        public Uri? GrpcUri { get; internal set; }

        /// <summary>Set when Transport is Grpc but this PowerShell cannot use it (calls then go over REST).</summary>
        public string? TransportNote { get; internal set; }

        /// <summary>The proxy in effect: a URI, "(none)", "(system)", or what the proxy environment variables say.</summary>
        public string Proxy { get; internal set; } = "(system)";

        public string ProxySource { get; internal set; } = "default";

        /// <summary>The saved configuration file loaded at import (Set-GenAIConfiguration -Persist), if there is one.</summary>
        public string? ConfigurationFile { get; internal set; }

        public override string ToString() => $"{BaseUri} ({ApiVersion}), key {ApiKey} from {ApiKeySource}";
    }
}
