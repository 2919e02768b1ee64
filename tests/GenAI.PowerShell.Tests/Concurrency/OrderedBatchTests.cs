using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenAI.PowerShell.Concurrency;

namespace GenAI.PowerShell.Tests.Concurrency
{
    public class OrderedBatchTests
    {
        [Fact]
        public void A_later_item_that_finishes_first_is_handed_back_after_the_earlier_one()
        {
            var firstMayFinish = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var secondFinished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var batch = new OrderedBatch(2, CancellationToken.None);
            batch.Start("first", async (sink, token) =>
            {
                await secondFinished.Task;   // the second item is done before the first produces anything
                sink.Output("reply 1");
            });
            batch.Start("second", (sink, token) =>
            {
                sink.Output("reply 2");
                secondFinished.SetResult(true);
                return Task.CompletedTask;
            });

            var events = batch.TakeAll().Where(e => e.Kind != BatchEventKind.Progress).ToList();

            Assert.Equal(new object?[] { "reply 1", null, "reply 2", null }, events.Select(e => e.Value));
            Assert.Equal(new object?[] { "first", "first", "second", "second" }, events.Select(e => e.Target));
            Assert.Equal(new[] { BatchEventKind.Output, BatchEventKind.Completed, BatchEventKind.Output, BatchEventKind.Completed }, events.Select(e => e.Kind));
        }

        [Fact]
        public void A_failed_item_completes_with_its_error_and_the_next_item_still_runs()
        {
            var batch = new OrderedBatch(1, CancellationToken.None);
            batch.Start("bad", (sink, token) => Task.FromException(new System.InvalidOperationException("boom")));
            batch.Start("good", (sink, token) => { sink.Output("ok"); return Task.CompletedTask; });

            var completed = batch.TakeAll().Where(e => e.Kind == BatchEventKind.Completed).ToList();

            Assert.Equal("boom", Assert.IsType<System.InvalidOperationException>(completed[0].Error).Message);
            Assert.Null(completed[1].Error);
            Assert.Equal(2, batch.Started);
        }

        [Fact]
        public void The_throttle_limit_caps_how_many_items_run_at_once()
        {
            int running = 0, peak = 0;
            var batch = new OrderedBatch(2, CancellationToken.None);
            for (int i = 0; i < 6; i++)
            {
                batch.Start(i, async (sink, token) =>
                {
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(20, token);
                    Interlocked.Decrement(ref running);
                });
            }

            Assert.Equal(6, batch.TakeAll().Count(e => e.Kind == BatchEventKind.Completed));
            Assert.InRange(peak, 1, 2);
        }

        [Fact]
        public void After_Ctrl_C_the_queued_items_complete_as_cancelled_and_never_run()
        {
            using var stop = new CancellationTokenSource();
            using var bothRunning = new CountdownEvent(2);
            int ran = 0;
            var batch = new OrderedBatch(2, stop.Token);
            for (int i = 0; i < 6; i++)
            {
                batch.Start(i, async (sink, token) =>
                {
                    Interlocked.Increment(ref ran);
                    bothRunning.Signal();
                    await Task.Delay(Timeout.Infinite, token);
                });
            }
            Assert.True(bothRunning.Wait(TimeSpan.FromSeconds(10)), "two items run, four wait for a slot");

            stop.Cancel();

            // Every item completes exactly once, run or not: once all six have, no work can start any more.
            var completed = new List<BatchEvent>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (completed.Count < 6 && DateTime.UtcNow < deadline)
            {
                completed.AddRange(batch.TakeReady().Where(e => e.Kind == BatchEventKind.Completed));
                Thread.Sleep(5);
            }
            Assert.Equal(new object[] { 0, 1, 2, 3, 4, 5 }, completed.Select(e => e.Target));
            Assert.All(completed, e => Assert.IsAssignableFrom<System.OperationCanceledException>(e.Error));
            Assert.Equal(2, ran);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
