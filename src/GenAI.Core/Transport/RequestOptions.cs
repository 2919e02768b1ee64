using System;

namespace GenAI.Core.Transport
{
    /// <summary>Per-call options. Unset values fall back to the client's defaults (<see cref="GenAIClientOptions.Defaults"/>).</summary>
    public sealed class RequestOptions
    {
        public static readonly RequestOptions Default = new RequestOptions();

        /// <summary>Per attempt. Default: 600 s for generation, 60 s for everything else (the seed's).</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>
        /// Retries after the first attempt for transient failures (429, 500, 502, 503, 504, connection
        /// failures, per-attempt timeouts). Null: the client's default, else <see cref="RetryPolicy.DefaultMaxRetries"/>.
        /// </summary>
        public int? MaxRetries { get; set; }

        /// <summary>
        /// How long a streamed reply may send no bytes at all before the call ends with a timeout (the chunks already
        /// received are kept). Null: the client's default, else <see cref="DefaultStreamIdleTimeout"/>.
        /// </summary>
        public TimeSpan? StreamIdleTimeout { get; set; }

        /// <summary>Overall time budget across all attempts and waits (for a stream: until its last chunk). Null: none.</summary>
        public TimeSpan? Deadline { get; set; }

        /// <summary>
        /// Receives diagnostic messages for the call (retries and waits at <see cref="DiagnosticLevel.Info"/>,
        /// wire details at <see cref="DiagnosticLevel.Debug"/>). Called on any thread; never given the API key.
        /// </summary>
        public Action<DiagnosticLevel, string>? Log { get; set; }

        public static readonly TimeSpan DefaultGenerationTimeout = TimeSpan.FromSeconds(600);
        public static readonly TimeSpan DefaultOtherTimeout = TimeSpan.FromSeconds(60);
        public static readonly TimeSpan DefaultStreamIdleTimeout = TimeSpan.FromSeconds(300);
    }
}
