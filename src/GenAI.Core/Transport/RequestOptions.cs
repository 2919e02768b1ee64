using System;

namespace GenAI.Core.Transport
{
    /// <summary>Per-call options. Unset values fall back to the client's defaults.</summary>
    public sealed class RequestOptions
    {
        public static readonly RequestOptions Default = new RequestOptions();

        /// <summary>Per attempt. Default: 600 s for generation, 60 s for everything else (the seed's).</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Retries after the first attempt for transient failures. Null: the client's default.</summary>
        public int? MaxRetries { get; set; }

        /// <summary>Overall time budget across all attempts and waits.</summary>
        public TimeSpan? Deadline { get; set; }

        public static readonly TimeSpan DefaultGenerationTimeout = TimeSpan.FromSeconds(600);
        public static readonly TimeSpan DefaultOtherTimeout = TimeSpan.FromSeconds(60);
    }
}
