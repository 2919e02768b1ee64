using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Files;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Jobs;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Formatting;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of every cmdlet that calls the service: Ctrl+C cancels the in-flight call, async results are
    /// awaited on the pipeline thread (writing the core's retry and wire messages to the verbose and
    /// debug streams as they come), and core exceptions become ErrorRecords.
    /// </summary>
    public abstract class GenAICmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly PipelineMessages _messages = new PipelineMessages();
        private readonly UploadProgressWriter _uploads = new UploadProgressWriter();
        private GenAIClient? _client;
        private string? _key;
        private bool? _wantsVerbose;
        private bool? _wantsDebug;

        protected CancellationToken StopToken => _stop.Token;

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
        public TransportKind? Transport { get; set; }

        /// <summary>The request options from this cmdlet's parameters (unset values use the configuration's).</summary>
        protected virtual RequestOptions BuildRequestOptions() => new RequestOptions
        {
            Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
            MaxRetries = MaximumRetryCount,
            Deadline = TotalTimeoutSec > 0 ? TimeSpan.FromSeconds(TotalTimeoutSec) : (TimeSpan?)null,
            Log = DiagnosticSink(),
        };

        // Null unless -Verbose or -Debug (or their preference variables) want the messages: the core then skips formatting them.
        private Action<DiagnosticLevel, string>? DiagnosticSink()
        {
            if (!WantsVerbose && !WantsDebug) return null;
            return (level, message) =>
            {
                if (level == DiagnosticLevel.Info || WantsDebug) _messages.Post(level, message);
            };
        }

        private bool WantsVerbose => _wantsVerbose ??= Wants("Verbose", "VerbosePreference");

        private bool WantsDebug => _wantsDebug ??= Wants("Debug", "DebugPreference");

        private bool Wants(string switchName, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out object? value))
                return value is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(value);
            return Enum.TryParse(Convert.ToString(GetVariableValue(preferenceVariable), System.Globalization.CultureInfo.InvariantCulture), true, out ActionPreference preference)
                && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

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

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Blocks the pipeline thread on a task, writing diagnostics meanwhile; Ctrl+C returns at once.</summary>
        protected T Await<T>(Task<T> task)
        {
            _messages.WaitFor(task, StopToken, WriteDiagnostic);
            return task.GetAwaiter().GetResult();
        }

        protected void Await(Task task)
        {
            _messages.WaitFor(task, StopToken, WriteDiagnostic);
            task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Runs <paramref name="dispatcher"/>'s work on the pipeline thread until <paramref name="task"/> completes,
        /// writing the core's retry and wire messages as they come (between the commands the work runs).
        /// </summary>
        private protected void RunDispatcher(PipelineDispatcher dispatcher, Task task)
        {
            _messages.AlsoWake = dispatcher.Wake;
            try
            {
                dispatcher.RunUntil(task, StopToken, () => _messages.Drain(WriteDiagnostic));
            }
            finally
            {
                _messages.AlsoWake = null;
                _messages.Drain(WriteDiagnostic);
            }
        }

        /// <summary>Pulls an async stream on the pipeline thread so each item can be written as it arrives.</summary>
        protected IEnumerable<T> Pull<T>(IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator(StopToken);
            Task<bool>? pending = null;
            try
            {
                while (true)
                {
                    // Most chunks are already buffered: take a completed result as it is (no Task per chunk).
                    var next = enumerator.MoveNextAsync();
                    bool more;
                    if (next.IsCompleted)
                    {
                        pending = null;
                        more = next.Result;
                        _messages.Drain(WriteDiagnostic);
                    }
                    else
                    {
                        pending = next.AsTask();
                        _messages.WaitFor(pending, StopToken, WriteDiagnostic);
                        more = pending.GetAwaiter().GetResult();
                    }
                    if (!more) yield break;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                // An async iterator cannot be disposed while MoveNextAsync runs (Ctrl+C left it running).
                if (pending == null || pending.IsCompleted) enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
                else pending.ContinueWith(_ => enumerator.DisposeAsync().AsTask(), TaskScheduler.Default);
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/>, turning core exceptions into non-terminating errors on
        /// <paramref name="target"/>. Returns false when it failed. Ctrl+C ends quietly.
        /// </summary>
        protected bool TryRun(Action action, object? target)
        {
            try
            {
                action();
                return true;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return false;
            }
            catch (GenAIException ex)
            {
                _messages.Drain(WriteDiagnostic);
                WriteError(ErrorRecordFactory.Create(ex, target));
                return false;
            }
        }

        /// <summary>
        /// Writes a progress message (key redacted) to the verbose stream; with -Debug but not -Verbose, to the
        /// debug stream instead: PowerShell makes -Debug turn a compiled cmdlet's verbose stream into a prompt.
        /// </summary>
        protected void WriteVerboseRedacted(string message) => WriteDiagnostic(DiagnosticLevel.Info, message);

        private void WriteDiagnostic(DiagnosticLevel level, string message)
        {
            _key ??= ModuleConfiguration.CurrentKey ?? "";
            message = TerminalText.Neutralize(KeyMask.Redact(message, _key));   // service text (error messages) reaches the host
            if (level == DiagnosticLevel.Info && WantsVerbose) WriteVerbose(message);
            else if (WantsDebug) WriteDebug(message);
        }

        /// <summary>A batch whose draining also writes this cmdlet's retry and wire messages as they come.</summary>
        private protected OrderedBatch NewBatch(int throttleLimit)
        {
            var batch = new OrderedBatch(throttleLimit, StopToken);
            _messages.AlsoWake = batch.Wake;
            return batch;
        }

        /// <summary>
        /// A job for -AsJob. Its calls write their retry and wire messages to the job's verbose and debug streams
        /// (when -Verbose or -Debug asked for them), key redacted; <paramref name="options"/> is switched over to it.
        /// </summary>
        private protected Jobs.GenAIJob NewJob(RequestOptions options)
        {
            var job = new Jobs.GenAIJob(MyInvocation.Line?.Trim() is { Length: > 0 } line ? line : MyInvocation.MyCommand.Name);
            string key = ModuleConfiguration.CurrentKey ?? "";
            bool verbose = WantsVerbose, debug = WantsDebug;
            options.Log = !verbose && !debug ? null : (level, message) =>
            {
                message = KeyMask.Redact(message, key);
                if (level == DiagnosticLevel.Info && verbose) job.Verbose.Add(new VerboseRecord(message));
                else if (debug) job.Debug.Add(new DebugRecord(message));
            };
            return job;
        }

        /// <summary>
        /// Starts <paramref name="job"/> draining <paramref name="batch"/> (made on the job's token) on the thread pool:
        /// outputs through <paramref name="onOutput"/> in input order, each failed item as a job error with its usual
        /// ErrorId and its input as target. Adds the job to the session's job table and writes it.
        /// </summary>
        private protected void StartJob(Jobs.GenAIJob job, OrderedBatch batch, Action<BatchEvent> onOutput, Action<BatchEvent>? onCompleted = null)
        {
            job.Start(token => Task.Run(() =>
            {
                int failures = 0;
                foreach (var e in batch.TakeAll())
                {
                    if (e.Kind == BatchEventKind.Output) onOutput(e);
                    if (e.Kind != BatchEventKind.Completed) continue;
                    if (e.Error is OperationCanceledException && token.IsCancellationRequested) throw e.Error;
                    if (e.Error != null) failures++;
                    if (e.Error is GenAIException known) job.WriteError(ErrorRecordFactory.Create(known, e.Target));
                    else if (e.Error != null) job.WriteError(new ErrorRecord(e.Error, ErrorRecordFactory.UnexpectedErrorId, ErrorCategory.NotSpecified, e.Target));
                    onCompleted?.Invoke(e);
                }
                job.AllFailed = failures > 0 && failures == batch.Started;
            }, token), null);
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

        /// <summary>
        /// Starts one -Each item, whose prompt is the shared -Prompt/-Path parts plus <paramref name="item"/> (null: the
        /// shared parts alone). A prompt that cannot be built fails in its turn, in input order, like a failed request.
        /// Returns the prompt, or null when it could not be built.
        /// </summary>
        private protected static List<Content>? StartBatchItem(OrderedBatch batch, PromptInput input, object? item, Func<List<Content>, IBatchSink, CancellationToken, Task> work)
        {
            object? target = item ?? input.Target;
            List<Content> contents;
            try
            {
                contents = input.ToContentsWith(item);
            }
            catch (GenAIException ex)
            {
                batch.Start(target, (sink, token) => Task.FromException(ex));
                return null;
            }
            batch.Start(target, (sink, token) => work(contents, sink, token));
            return contents;
        }

        /// <summary>The progress bar of an -Each batch after an item completed (items complete in input order, so its index tells how many are done).</summary>
        private protected void WriteBatchProgress(OrderedBatch batch, BatchEvent completed, int activityId, string activity, string doneVerb)
        {
            int done = completed.Index + 1;
            WriteProgress(new ProgressRecord(activityId, activity, $"{done} of {batch.Started} {doneVerb}, {batch.Running} running")
                { PercentComplete = Math.Min(100, done * 100 / Math.Max(1, batch.Started)) });
        }

        /// <summary>
        /// Writes a batch's events on the pipeline thread as they become writable: outputs through
        /// <paramref name="onOutput"/>, upload progress as progress records, failures as non-terminating
        /// errors on the item's input (before <paramref name="onCompleted"/>). Ctrl+C ends quietly.
        /// </summary>
        private protected void WriteEvents(IEnumerable<BatchEvent> events, Action<BatchEvent> onOutput, Action<BatchEvent>? onCompleted = null, int? parentActivityId = null)
        {
            try
            {
                foreach (var e in events)
                {
                    _messages.Drain(WriteDiagnostic);   // the items' retry and wire messages, before what they lead to
                    switch (e.Kind)
                    {
                        case BatchEventKind.Output:
                            onOutput(e);
                            break;
                        case BatchEventKind.Progress when e.Value is UploadProgress upload:
                            _uploads.Write(this, upload, parentActivityId);
                            break;
                        case BatchEventKind.Completed:
                            if (e.Error != null) WriteFailure(e.Error, e.Target);
                            onCompleted?.Invoke(e);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
            }
            _messages.Drain(WriteDiagnostic);
        }

        /// <summary>
        /// Moves inline data too large for one request to the Files API (with a progress bar per upload),
        /// waiting on the pipeline thread. <paramref name="maxRequestBytes"/> is what the contents may take of a
        /// request (less than the service's limit when a chat history goes with them). Returns the contents to
        /// send, or null when it failed (the error is written) or Ctrl+C stopped it.
        /// </summary>
        private protected IReadOnlyList<Content>? MoveLargeInlineData(GenAIClient client, IReadOnlyList<Content> contents, RequestOptions options, object? target,
            long maxRequestBytes = InlineLimits.MaxRequestBytes)
        {
            IReadOnlyList<Content>? moved = null;
            bool failed = false;
            var batch = NewBatch(1);
            batch.Start(target, async (sink, token) =>
                sink.Output(await client.Files.MoveLargeInlineDataToFilesAsync(contents, maxRequestBytes, new SinkProgress(sink), options, token).ConfigureAwait(false)));
            WriteEvents(batch.TakeAll(), e => moved = (IReadOnlyList<Content>)e.Value!, e => failed = e.Error != null);
            return failed ? null : moved;
        }

        /// <summary>A failed item: a non-terminating error on <paramref name="target"/>; nothing for Ctrl+C.</summary>
        protected void WriteFailure(Exception error, object? target)
        {
            switch (error)
            {
                case OperationCanceledException _ when StopToken.IsCancellationRequested:
                    return;
                case GenAIException known:
                    WriteError(ErrorRecordFactory.Create(known, target));
                    return;
                default:
                    WriteError(new ErrorRecord(error, ErrorRecordFactory.UnexpectedErrorId, ErrorCategory.NotSpecified, target));
                    return;
            }
        }

        public void Dispose()
        {
            _stop.Dispose();
            _messages.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
