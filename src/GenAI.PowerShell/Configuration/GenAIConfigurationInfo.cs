using System;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Configuration
{
    /// <summary>What Get-GenAIConfiguration shows. Holds only a masked form of the key.</summary>
    public sealed class GenAIConfigurationInfo
    {
        internal GenAIConfigurationInfo(Uri baseUri, string baseUriSource, string apiVersion, string apiKey, string apiKeySource,
            string defaultModel, TimeSpan? timeout, int? maxRetries)
        {
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            ApiVersion = apiVersion;
            ApiKey = apiKey;
            ApiKeySource = apiKeySource;
            DefaultModel = defaultModel;
            TimeoutSec = timeout?.TotalSeconds;
            MaxRetries = maxRetries;
        }

        public Uri BaseUri { get; }

        public string BaseUriSource { get; }

        public string ApiVersion { get; }

        /// <summary>Masked: the last four characters at most.</summary>
        public string ApiKey { get; }

        public string ApiKeySource { get; }

        public string DefaultModel { get; }

        public double? TimeoutSec { get; }

        public int? MaxRetries { get; }

        /// <summary>The wire protocol new calls use (Rest or Grpc).</summary>
        public TransportKind Transport { get; internal set; }

        /// <summary>The gRPC endpoint in effect (set explicitly, or derived from BaseUri).</summary>
        public Uri? GrpcUri { get; internal set; }

        /// <summary>Set when Transport is Grpc but this PowerShell cannot use it (calls then go over REST).</summary>
        public string? TransportNote { get; internal set; }

        public override string ToString() => $"{BaseUri} ({ApiVersion}), key {ApiKey} from {ApiKeySource}";
    }
}
