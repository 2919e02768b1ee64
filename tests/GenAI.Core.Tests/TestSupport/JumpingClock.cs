using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GenAI.Core.Tests.TestSupport
{
    /// <summary>
    /// A virtual clock for retry tests: every timer fires at once (on the thread pool) and moves the
    /// clock forward by its due time, so backoff waits cost nothing and are recorded in <see cref="Waits"/>.
    /// Not for deadlines (their timers would fire at once too).
    /// </summary>
    public sealed class JumpingClock : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _waits = new ConcurrentQueue<TimeSpan>();
        private long _ticks;

        public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) + Elapsed;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan) return new NullTimer();
            _waits.Enqueue(dueTime);
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NullTimer();
        }

        private sealed class NullTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public System.Threading.Tasks.ValueTask DisposeAsync() => default;
        }
    }
}
