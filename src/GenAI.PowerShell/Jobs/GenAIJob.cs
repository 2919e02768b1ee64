using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Jobs
{
    /// <summary>
    /// A call started with -AsJob: it runs in this process on the core's async API (no runspace, no child process, the
    /// module's configuration as it is), writes its output and errors to the job's streams as they come (a stream's
    /// chunks are receivable one by one), and Stop-Job cancels its HTTP call at once. Get-Job, Receive-Job, Wait-Job,
    /// Stop-Job and Remove-Job work on it as on any job.
    /// </summary>
    public sealed class GenAIJob : Job
    {
        public const string TypeName = "GenAIJob";

        private static readonly TimeSpan s_stopWait = TimeSpan.FromSeconds(5);

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _stateLock = new object();
        private Task? _task;
        private bool _finished;

        internal GenAIJob(string command) : base(command)
        {
            PSJobTypeName = TypeName;
        }

        /// <summary>Cancelled by Stop-Job (and Remove-Job -Force).</summary>
        internal CancellationToken StopToken => _stop.Token;

        public override string StatusMessage => "";

        public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Verbose.Count > 0 || Debug.Count > 0 || Warning.Count > 0;

        public override string Location => Environment.MachineName;

        /// <summary>Runs <paramref name="work"/> on the thread pool; a GenAI error it throws ends the job Failed with that error.</summary>
        internal void Start(Func<CancellationToken, Task> work, object? target)
        {
            SetJobState(JobState.Running);
            _task = Task.Run(async () =>
            {
                try
                {
                    await work(_stop.Token).ConfigureAwait(false);
                    Finish(_stop.IsCancellationRequested ? JobState.Stopped : AllFailed ? JobState.Failed : JobState.Completed);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    Finish(JobState.Stopped);
                }
                catch (GenAIException ex)
                {
                    var record = ErrorRecordFactory.Create(ex, target);
                    Error.Add(record);
                    Finish(JobState.Failed);
                }
                catch (Exception ex)
                {
                    Error.Add(new ErrorRecord(ex, ErrorRecordFactory.UnexpectedErrorId, ErrorCategory.NotSpecified, target));
                    Finish(JobState.Failed);
                }
            });
        }

        /// <summary>
        /// Starts draining <paramref name="batch"/> (made on <see cref="StopToken"/>) on the thread pool: outputs through
        /// <paramref name="onOutput"/> in input order, each failed item as a job error with its usual ErrorId and its
        /// input as target, before <paramref name="onCompleted"/>.
        /// </summary>
        internal void StartDraining(OrderedBatch batch, Action<BatchEvent> onOutput, Action<BatchEvent>? onCompleted = null)
        {
            Start(token => Task.Run(() =>
            {
                int failures = 0;
                foreach (var e in batch.TakeAll())
                {
                    if (e.Kind == BatchEventKind.Output) onOutput(e);
                    if (e.Kind != BatchEventKind.Completed) continue;
                    if (e.Error is OperationCanceledException && token.IsCancellationRequested) throw e.Error;
                    if (e.Error != null)
                    {
                        failures++;
                        WriteError(ErrorRecordFactory.ForFailure(e.Error, e.Target));
                    }
                    onCompleted?.Invoke(e);
                }
                AllFailed = failures > 0 && failures == batch.Started;
            }, token), null);
        }

        /// <summary>Every request of the job failed (its errors are written): the job ends Failed rather than Completed.</summary>
        internal bool AllFailed { get; set; }

        internal void WriteOutput(object value) => Output.Add(PSObject.AsPSObject(value));

        internal void WriteError(ErrorRecord record) => Error.Add(record);

        /// <summary>Cancels the call and returns once the job has stopped (at once: the HTTP call is cancelled, not awaited to its end).</summary>
        public override void StopJob()
        {
            _stop.Cancel();
            try { _task?.Wait(s_stopWait); }
            catch (AggregateException) { }
            Finish(JobState.Stopped);
        }

        // The reason of a failure is in the job's Error stream (with its ErrorId); the state carries none.
        private void Finish(JobState state)
        {
            lock (_stateLock)
            {
                if (_finished) return;
                _finished = true;
            }
            SetJobState(state);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!_finished) StopJob();
                _stop.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
