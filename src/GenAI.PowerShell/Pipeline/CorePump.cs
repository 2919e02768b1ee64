using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Files;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Pipeline
{
    /// <summary>
    /// The one way a cmdlet waits on the core. The core runs on worker threads; PowerShell allows Write* only on the
    /// pipeline thread. So the pipeline thread blocks here — on a task, on an async stream item by item, or on a batch's
    /// events — and meanwhile writes what the workers post: the core's verbose and debug messages, progress records,
    /// and the work a dispatcher brings (function calls). Ctrl+C (<see cref="Stop"/>) ends every wait at once, quietly.
    /// </summary>
    internal sealed class CorePump : IDisposable
    {
        private readonly Cmdlet _cmdlet;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly PipelineMessages _messages = new PipelineMessages();
        private readonly UploadProgressWriter _uploads = new UploadProgressWriter();

        public CorePump(Cmdlet cmdlet, CmdletDiagnostics diagnostics)
        {
            _cmdlet = cmdlet;
            Diagnostics = diagnostics;
        }

        public CmdletDiagnostics Diagnostics { get; }

        /// <summary>Cancelled by Ctrl+C; pass it to every core call.</summary>
        public CancellationToken StopToken => _stop.Token;

        /// <summary>Ctrl+C (a cmdlet's StopProcessing, on another thread): every wait returns at once.</summary>
        public void Stop() => _stop.Cancel();

        /// <summary>For <see cref="RequestOptions.Log"/>: the core's messages, written while the pipeline thread waits.</summary>
        public Action<DiagnosticLevel, string>? Log => Diagnostics.Sink((level, message) => _messages.Post(() => Diagnostics.Write(level, message)));

        /// <summary>A progress bar per upload, written while the pipeline thread waits (under <paramref name="parentActivityId"/> when given).</summary>
        public IProgress<UploadProgress> UploadProgress(int? parentActivityId = null) =>
            new PostedProgress<UploadProgress>(_messages, upload => _uploads.Write(_cmdlet, upload, parentActivityId));

        /// <summary>
        /// Progress reported from any thread, written while the pipeline thread waits: only the latest report when
        /// several arrive between two writes (a download reports every buffer it reads).
        /// </summary>
        public IProgress<T> LatestProgress<T>(Func<T, ProgressRecord> toRecord) where T : class =>
            new LatestOnlyProgress<T>(_messages, value => _cmdlet.WriteProgress(toRecord(value)));

        /// <summary>Blocks the pipeline thread on <paramref name="task"/>, writing what is posted meanwhile; Ctrl+C throws <see cref="OperationCanceledException"/>.</summary>
        public T Wait<T>(Task<T> task)
        {
            _messages.WaitFor(task, StopToken);
            return task.GetAwaiter().GetResult();
        }

        public void Wait(Task task)
        {
            _messages.WaitFor(task, StopToken);
            task.GetAwaiter().GetResult();
        }

        /// <summary>Like <see cref="Wait(Task)"/>, but leaves the task's outcome (a failure) for the caller to take later.</summary>
        public void WaitUntilDone(Task task) => _messages.WaitFor(task, StopToken);

        /// <summary>Pulls an async stream on the pipeline thread so each item can be written as it arrives.</summary>
        public IEnumerable<T> Pull<T>(IAsyncEnumerable<T> source)
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
                        _messages.Drain();
                    }
                    else
                    {
                        pending = next.AsTask();
                        _messages.WaitFor(pending, StopToken);
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

        /// <summary>A batch on <see cref="StopToken"/> whose draining also writes what is posted meanwhile.</summary>
        public OrderedBatch NewBatch(int throttleLimit)
        {
            var batch = new OrderedBatch(throttleLimit, StopToken);
            _messages.AlsoWake = batch.Wake;
            return batch;
        }

        /// <summary>
        /// Writes a batch's events on the pipeline thread as they become writable: outputs through
        /// <paramref name="onOutput"/>, upload progress as progress records, failures as non-terminating
        /// errors on the item's input (before <paramref name="onCompleted"/>). Ctrl+C ends quietly.
        /// </summary>
        public void Drain(IEnumerable<BatchEvent> events, Action<BatchEvent> onOutput, Action<BatchEvent>? onCompleted = null, int? parentActivityId = null)
        {
            try
            {
                foreach (var e in events)
                {
                    _messages.Drain();   // the items' retry and wire messages, before what they lead to
                    switch (e.Kind)
                    {
                        case BatchEventKind.Output:
                            onOutput(e);
                            break;
                        case BatchEventKind.Progress when e.Value is UploadProgress upload:
                            _uploads.Write(_cmdlet, upload, parentActivityId);
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
            _messages.Drain();
        }

        /// <summary>
        /// Runs <paramref name="dispatcher"/>'s work on the pipeline thread until <paramref name="task"/> completes,
        /// writing what is posted as it comes (between the commands the work runs).
        /// </summary>
        public void RunDispatcher(PipelineDispatcher dispatcher, Task task)
        {
            _messages.AlsoWake = dispatcher.Wake;
            try
            {
                dispatcher.RunUntil(task, StopToken, _messages.Drain);
            }
            finally
            {
                _messages.AlsoWake = null;
                _messages.Drain();
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/>, turning core exceptions into non-terminating errors on
        /// <paramref name="target"/>. Returns false when it failed. Ctrl+C ends quietly.
        /// </summary>
        public bool TryRun(Action action, object? target)
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
                _messages.Drain();
                _cmdlet.WriteError(ErrorRecordFactory.Create(ex, target));
                return false;
            }
        }

        /// <summary>A failed item: a non-terminating error on <paramref name="target"/>; nothing for Ctrl+C.</summary>
        public void WriteFailure(Exception error, object? target)
        {
            if (error is OperationCanceledException && StopToken.IsCancellationRequested) return;
            _cmdlet.WriteError(ErrorRecordFactory.ForFailure(error, target));
        }

        /// <summary>Writes what is posted so far (on the pipeline thread).</summary>
        public void Flush() => _messages.Drain();

        public void Dispose()
        {
            _stop.Dispose();
            _messages.Dispose();
        }

        private sealed class PostedProgress<T> : IProgress<T>
        {
            private readonly PipelineMessages _messages;
            private readonly Action<T> _write;

            public PostedProgress(PipelineMessages messages, Action<T> write)
            {
                _messages = messages;
                _write = write;
            }

            public void Report(T value) => _messages.Post(() => _write(value));
        }

        private sealed class LatestOnlyProgress<T> : IProgress<T> where T : class
        {
            private readonly PipelineMessages _messages;
            private readonly Action<T> _write;
            private T? _latest;

            public LatestOnlyProgress(PipelineMessages messages, Action<T> write)
            {
                _messages = messages;
                _write = write;
            }

            public void Report(T value)
            {
                // Only the first report since the last write posts one; the write takes whatever is latest by then.
                if (Interlocked.Exchange(ref _latest, value) == null) _messages.Post(WriteLatest);
            }

            private void WriteLatest()
            {
                var value = Interlocked.Exchange(ref _latest, null);
                if (value != null) _write(value);
            }
        }
    }
}
