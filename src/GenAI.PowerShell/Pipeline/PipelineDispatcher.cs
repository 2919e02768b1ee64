using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.PowerShell.Pipeline
{
    /// <summary>
    /// Lets core code running on worker threads ask for work that must happen on the pipeline thread
    /// (running a PowerShell command, ShouldProcess, Write*). The pipeline thread waits for the core's
    /// task in <see cref="RunUntil"/>, running the requested work as it arrives.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private readonly BlockingCollection<WorkItem?> _queue = new BlockingCollection<WorkItem?>();
        private int _closed;

        /// <summary>Queues <paramref name="work"/> for the pipeline thread; safe from any thread.</summary>
        public Task<T> Invoke<T>(Func<T> work)
        {
            var item = new WorkItem<T>(work);
            if (Volatile.Read(ref _closed) == 1) item.Cancel();
            else
            {
                try { _queue.Add(item); }
                catch (InvalidOperationException) { item.Cancel(); }
            }
            return item.Task;
        }

        /// <summary>
        /// On the pipeline thread: runs queued work until <paramref name="task"/> completes, calling
        /// <paramref name="afterEach"/> after each piece of work and each <see cref="Wake"/> (to write messages
        /// queued beside the work). Ctrl+C (<paramref name="stop"/>) returns at once with
        /// <see cref="OperationCanceledException"/>; a pipeline stop raised by a command in the work is rethrown here.
        /// </summary>
        public void RunUntil(Task task, CancellationToken stop, Action? afterEach = null)
        {
            task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                while (!task.IsCompleted)
                {
                    var item = _queue.Take(stop);
                    item?.Run();
                    afterEach?.Invoke();
                }
            }
            finally
            {
                Close();
            }
        }

        /// <summary>Makes <see cref="RunUntil"/> look up; safe from any thread, also after the wait is over.</summary>
        public void Wake()
        {
            try { _queue.Add(null); }
            catch (InvalidOperationException) { /* closed or disposed (ObjectDisposedException): the wait is over */ }
        }

        private void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            _queue.CompleteAdding();
            while (_queue.TryTake(out var left)) left?.Cancel();
        }

        public void Dispose()
        {
            Close();
            _queue.Dispose();
        }

        private abstract class WorkItem
        {
            public abstract void Run();

            public abstract void Cancel();
        }

        private sealed class WorkItem<T> : WorkItem
        {
            private readonly Func<T> _work;
            private readonly TaskCompletionSource<T> _result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);

            public WorkItem(Func<T> work) { _work = work; }

            public Task<T> Task => _result.Task;

            public override void Run()
            {
                try
                {
                    _result.TrySetResult(_work());
                }
                catch (PipelineStoppedException)
                {
                    _result.TrySetCanceled();
                    throw;
                }
                catch (Exception ex)
                {
                    _result.TrySetException(ex);
                }
            }

            public override void Cancel() => _result.TrySetCanceled();
        }
    }
}
