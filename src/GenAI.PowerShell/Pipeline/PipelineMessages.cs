using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.PowerShell.Pipeline
{
    /// <summary>
    /// Carries writes (the core's diagnostic messages, progress) from worker threads to the pipeline thread, where
    /// a cmdlet may make them (WriteVerbose from another thread throws). The pipeline thread waits for a task here,
    /// running the writes as they arrive, so a retry's "waiting 2 s" shows while it waits.
    /// </summary>
    internal sealed class PipelineMessages : IDisposable
    {
        private readonly ConcurrentQueue<Action> _queue = new ConcurrentQueue<Action>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private volatile Action? _alsoWake;

        /// <summary>Something else the pipeline thread may be blocked on (a batch, a dispatcher), woken by each message too.</summary>
        public Action? AlsoWake
        {
            set => _alsoWake = value;
        }

        /// <summary>Queues a write for the pipeline thread; safe from any thread.</summary>
        public void Post(Action write)
        {
            _queue.Enqueue(write);
            Wake();
            _alsoWake?.Invoke();
        }

        /// <summary>
        /// Blocks until <paramref name="task"/> completes, running queued writes meanwhile. When
        /// <paramref name="stop"/> is cancelled first, returns at once with <see cref="OperationCanceledException"/>
        /// (the task is left to finish on its own; its failure is observed).
        /// </summary>
        public void WaitFor(Task task, CancellationToken stop)
        {
            if (!task.IsCompleted) task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                try
                {
                    _signal.Wait(stop);
                }
                catch (OperationCanceledException)
                {
                    Observe(task);
                    Drain();
                    throw;
                }
                Drain();
            }
            Drain();
        }

        /// <summary>Runs every queued write in order (on the pipeline thread).</summary>
        public void Drain()
        {
            while (_queue.TryDequeue(out var write)) write();
        }

        private void Wake()
        {
            try { _signal.Release(); }
            catch (ObjectDisposedException) { /* a late message after the cmdlet ended */ }
        }

        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public void Dispose() => _signal.Dispose();
    }
}
