using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.PowerShell.Concurrency
{
    internal enum BatchEventKind
    {
        /// <summary>Something to write to the pipeline (a reply, a chunk).</summary>
        Output,

        /// <summary>Progress of the item's work (an upload); handed back at once, not in order.</summary>
        Progress,

        /// <summary>The item finished; <see cref="BatchEvent.Error"/> says whether it failed.</summary>
        Completed,
    }

    internal sealed class BatchEvent
    {
        public BatchEvent(int index, object? target, BatchEventKind kind, object? value, Exception? error)
        {
            Index = index;
            Target = target;
            Kind = kind;
            Value = value;
            Error = error;
        }

        /// <summary>The item's position in input order, from 0.</summary>
        public int Index { get; }

        /// <summary>The input the item came from (the ErrorRecord target of its failures).</summary>
        public object? Target { get; }

        public BatchEventKind Kind { get; }

        public object? Value { get; }

        public Exception? Error { get; }
    }

    /// <summary>What an item's work uses to hand results back to the pipeline thread.</summary>
    internal interface IBatchSink
    {
        void Output(object value);

        void Progress(object value);
    }

    /// <summary>
    /// Runs work items on the thread pool, at most <c>throttleLimit</c> at once, and hands their events
    /// back on the pipeline thread in input order: everything of item 0, then of item 1, ... An item's
    /// events are written as soon as all earlier items have completed (a later item that finishes first
    /// waits in a buffer). Work never touches the cmdlet; only the thread that drains calls Write*.
    /// </summary>
    internal sealed class OrderedBatch
    {
        private readonly object _gate = new object();
        private readonly Queue<Action> _queued = new Queue<Action>();
        private int _freeSlots;
        private readonly BlockingCollection<BatchEvent> _events = new BlockingCollection<BatchEvent>();
        private readonly Dictionary<int, Queue<BatchEvent>> _waiting = new Dictionary<int, Queue<BatchEvent>>();
        private readonly CancellationToken _cancellation;
        private int _running;
        private int _next;

        public OrderedBatch(int throttleLimit, CancellationToken cancellation)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            _freeSlots = throttleLimit;
            _cancellation = cancellation;
        }

        /// <summary>Items started so far.</summary>
        public int Started { get; private set; }

        /// <summary>Items whose work is running now.</summary>
        public int Running => Volatile.Read(ref _running);

        /// <summary>
        /// Queues an item; its work starts when a slot is free. Items start in the order they were queued (a
        /// -ThrottleLimit 1 batch sends its requests in input order). Call from the pipeline thread.
        /// </summary>
        public void Start(object? target, Func<IBatchSink, CancellationToken, Task> work)
        {
            var sink = new Sink(this, Started++, target);
            void Run() => Task.Run(() => RunAsync(sink, work));
            lock (_gate)
            {
                if (_freeSlots == 0)
                {
                    _queued.Enqueue(Run);
                    return;
                }
                _freeSlots--;
            }
            Run();
        }

        private async Task RunAsync(Sink sink, Func<IBatchSink, CancellationToken, Task> work)
        {
            Exception? failure = null;
            if (_cancellation.IsCancellationRequested)
            {
                failure = new OperationCanceledException(_cancellation);
            }
            else
            {
                Interlocked.Increment(ref _running);
                try
                {
                    await work(sink, _cancellation).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            }
            ReleaseSlot();
            sink.Complete(failure);
        }

        /// <summary>Hands the finished item's slot to the oldest queued item, or frees it.</summary>
        private void ReleaseSlot()
        {
            Action? next = null;
            lock (_gate)
            {
                if (_queued.Count > 0) next = _queued.Dequeue();
                else _freeSlots++;
            }
            next?.Invoke();
        }

        /// <summary>The events that can be written now, without waiting.</summary>
        public IEnumerable<BatchEvent> TakeReady()
        {
            while (_events.TryTake(out var e))
                foreach (var ready in Accept(e))
                    yield return ready;
        }

        /// <summary>Waits for every started item, yielding events as they become writable. Ctrl+C (the token) throws.</summary>
        public IEnumerable<BatchEvent> TakeAll()
        {
            while (_next < Started)
            {
                var e = _events.Take(_cancellation);
                foreach (var ready in Accept(e))
                    yield return ready;
            }
        }

        private IEnumerable<BatchEvent> Accept(BatchEvent e)
        {
            if (e.Kind == BatchEventKind.Progress)
            {
                yield return e;
                yield break;
            }
            if (e.Index != _next)
            {
                if (!_waiting.TryGetValue(e.Index, out var queue)) _waiting[e.Index] = queue = new Queue<BatchEvent>();
                queue.Enqueue(e);
                yield break;
            }
            yield return e;
            if (e.Kind != BatchEventKind.Completed) yield break;
            _next++;
            // Later items that already produced events: hand them back now, up to the first still running.
            while (_waiting.TryGetValue(_next, out var buffered))
            {
                _waiting.Remove(_next);
                bool completed = false;
                while (buffered.Count > 0)
                {
                    var next = buffered.Dequeue();
                    yield return next;
                    if (next.Kind == BatchEventKind.Completed) completed = true;
                }
                if (!completed) yield break;
                _next++;
            }
        }

        /// <summary>
        /// Makes the draining thread look up at once (an empty progress event), so messages queued beside the
        /// batch (retries, waits) are written while it waits. Safe from any thread.
        /// </summary>
        public void Wake()
        {
            try { Post(new BatchEvent(-1, null, BatchEventKind.Progress, null, null)); }
            catch (InvalidOperationException) { /* completed or disposed: the cmdlet ended */ }
        }

        private void Post(BatchEvent e) => _events.Add(e);

        private sealed class Sink : IBatchSink
        {
            private readonly OrderedBatch _batch;
            private readonly int _index;
            private readonly object? _target;

            public Sink(OrderedBatch batch, int index, object? target)
            {
                _batch = batch;
                _index = index;
                _target = target;
            }

            public void Output(object value) => _batch.Post(new BatchEvent(_index, _target, BatchEventKind.Output, value, null));

            public void Progress(object value) => _batch.Post(new BatchEvent(_index, _target, BatchEventKind.Progress, value, null));

            public void Complete(Exception? error) => _batch.Post(new BatchEvent(_index, _target, BatchEventKind.Completed, null, error));
        }
    }
}
