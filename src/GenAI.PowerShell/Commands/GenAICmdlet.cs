using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of every cmdlet that calls the service: the service options (-TimeoutSec, -MaximumRetryCount,
    /// -TotalTimeoutSec, -Transport), the configured client, and -AsJob. Waiting, streaming and Ctrl+C are the
    /// <see cref="CoreCmdlet"/>'s pump.
    /// </summary>
    public abstract class GenAICmdlet : CoreCmdlet
    {
        private GenAIClient? _client;

        /// <summary>Seconds to wait for one attempt of the call.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Retries of transient failures (429, 500, 502, 503, 504, connection failures, attempt timeouts).</summary>
        [Parameter]
        [Alias("MaxRetries")]
        [ValidateRange(0, 100)]
        public int? MaximumRetryCount { get; set; }

        /// <summary>Seconds the whole call may take: every attempt, every wait between them, and a stream to its end.</summary>
        [Parameter]
        [ValidateRange(1, 604800)]
        public int TotalTimeoutSec { get; set; }

        /// <summary>The wire protocol for this call (Rest or Grpc); default: Set-GenAIConfiguration -Transport.</summary>
        [Parameter]
        public TransportKind? Transport { get => (TransportKind?)_transport; set => _transport = value; }

        // Boxed (see ModuleInitializer): a GenAI.Core value type as a field of an exported type would make PowerShell load
        // GenAI.Core while it lists the module's types, before the module's resolver is hooked.
        private object? _transport;

        /// <summary>The request options from this cmdlet's parameters (unset values use the configuration's).</summary>
        protected virtual RequestOptions BuildRequestOptions() => new RequestOptions
        {
            Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
            MaxRetries = MaximumRetryCount,
            Deadline = TotalTimeoutSec > 0 ? TimeSpan.FromSeconds(TotalTimeoutSec) : (TimeSpan?)null,
            Log = Pump.Log,
        };

        /// <summary>The configured client; a missing key or bad endpoint is a terminating error.</summary>
        protected GenAIClient Client => ClientFor(null);

        /// <summary>The configured client; a missing key or bad endpoint is a terminating error whose target is <paramref name="errorTarget"/> (the prompt).</summary>
        protected GenAIClient ClientFor(object? errorTarget)
        {
            if (_client != null) return _client;
            try { _client = ModuleConfiguration.GetClient(Transport); }
            catch (GenAIException ex) { ThrowTerminatingError(ErrorRecordFactory.Create(ex, errorTarget)); }
            if (_client?.TransportFallbackReason != null) WriteVerboseRedacted(_client.TransportFallbackReason);
            return _client!;
        }

        /// <summary>
        /// A job for -AsJob. Its calls write their retry and wire messages to the job's verbose and debug streams
        /// (when -Verbose or -Debug asked for them), key redacted; <paramref name="options"/> is switched over to it.
        /// </summary>
        private protected Jobs.GenAIJob NewJob(RequestOptions options)
        {
            var job = new Jobs.GenAIJob(MyInvocation.Line?.Trim() is { Length: > 0 } line ? line : MyInvocation.MyCommand.Name);
            options.Log = Pump.Diagnostics.JobSink(job);
            return job;
        }

        /// <summary>Starts <paramref name="job"/> draining <paramref name="batch"/> (see <see cref="Jobs.GenAIJob.StartDraining"/>), adds it to the session's job table and writes it.</summary>
        private protected void StartJob(Jobs.GenAIJob job, OrderedBatch batch, Action<BatchEvent> onOutput, Action<BatchEvent>? onCompleted = null)
        {
            job.StartDraining(batch, onOutput, onCompleted);
            PublishJob(job);
        }

        /// <summary>Adds a started job to the session's job table and writes it.</summary>
        private protected void PublishJob(Jobs.GenAIJob job)
        {
            JobRepository.Add(job);
            WriteObject(job);
        }

        /// <summary>
        /// The Get-GenAI* pattern: each name fetched on its own (an error on that name when it fails); no name lists
        /// every page; a wildcard lists and keeps what <paramref name="matches"/> accepts.
        /// </summary>
        private protected void GetOrList<T>(string[]? names, Func<string, Task<T>> get, Func<IAsyncEnumerable<T>> list, Func<WildcardPattern, T, bool> matches)
        {
            if (names == null || names.Length == 0)
            {
                TryRun(() => { foreach (var item in Pull(list())) WriteObject(item); }, null);
                return;
            }
            foreach (string name in names)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(name))
                {
                    TryRun(() => WriteObject(Await(get(name))), name);
                    continue;
                }
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                TryRun(() => { foreach (var item in Pull(list())) if (matches(pattern, item)) WriteObject(item); }, name);
            }
        }

        /// <summary>Refuses -AsJob with a parameter that needs the pipeline thread.</summary>
        private protected void RejectWithJob(bool asJob, bool conflict, string parameter, string reason)
        {
            if (asJob && conflict)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.AsJobNotSupported,
                    $"-AsJob cannot be combined with {parameter}: {reason}", null, $"Drop -AsJob or {parameter}."));
        }
    }
}
