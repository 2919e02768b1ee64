using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Carries the core's diagnostic messages from worker threads to the pipeline thread, where a cmdlet
    /// may write them (WriteVerbose from another thread throws). The pipeline thread waits for a task
    /// here, writing messages as they arrive, so a retry's "waiting 2 s" shows while it waits.
    /// </summary>
    internal sealed class PipelineMessages : IDisposable
    {
        private readonly ConcurrentQueue<(DiagnosticLevel Level, string Text)> _queue = new ConcurrentQueue<(DiagnosticLevel, string)>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private volatile Action? _alsoWake;

        /// <summary>Something else the pipeline thread may be blocked on (a batch), woken by each message too.</summary>
        public Action? AlsoWake
        {
            set => _alsoWake = value;
        }

        /// <summary>Queues a message; safe from any thread.</summary>
        public void Post(DiagnosticLevel level, string text)
        {
            _queue.Enqueue((level, text));
            Wake();
            _alsoWake?.Invoke();
        }

        /// <summary>
        /// Blocks until <paramref name="task"/> completes, writing queued messages meanwhile. When
        /// <paramref name="stop"/> is cancelled first, returns at once with <see cref="OperationCanceledException"/>
        /// (the task is left to finish on its own; its failure is observed).
        /// </summary>
        public void WaitFor(Task task, CancellationToken stop, Action<DiagnosticLevel, string> write)
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
                    Drain(write);
                    throw;
                }
                Drain(write);
            }
            Drain(write);
        }

        /// <summary>Writes every queued message in order.</summary>
        public void Drain(Action<DiagnosticLevel, string> write)
        {
            while (_queue.TryDequeue(out var message)) write(message.Level, message.Text);
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
