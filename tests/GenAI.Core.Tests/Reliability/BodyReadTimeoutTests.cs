using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Reliability
{
    /// <summary>
    /// Every body read honours the call's timeout, deadline and cancellation: the emulator sends the headers of a
    /// 200 or a 500 and the start of a body, then nothing (<c>fault-silence-*</c>). Each call is bounded by a guard
    /// far longer than its timeout, so a read that ignores the timeout fails the test instead of hanging it.
    /// </summary>
    public class BodyReadTimeoutTests : IClassFixture<EmulatorFixture>
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
        private readonly EmulatorFixture _emulator;

        public BodyReadTimeoutTests(EmulatorFixture emulator) { _emulator = emulator; }

        private static RequestOptions Short => new RequestOptions { Timeout = TimeSpan.FromMilliseconds(700), MaxRetries = 0 };

        private static async Task<Exception> Bounded(Func<Task> call)
        {
            var running = Task.Run(call);
            var first = await Task.WhenAny(running, Task.Delay(Guard));
            Assert.True(first == running, $"the call was still reading after {Guard.TotalSeconds} s: the body read ignores the timeout");
            try { await running; return null; }
            catch (Exception ex) { return ex; }
        }

        [Theory]
        [InlineData("fault-silence-200")]
        [InlineData("fault-silence-500")]
        public async Task A_unary_body_that_stops_arriving_ends_in_a_timeout(string model)
        {
            using var client = _emulator.Client();
            var error = await Bounded(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"), Short));
            var timeout = Assert.IsType<RequestTimeoutException>(error);
            Assert.Equal("Timeout", timeout.ErrorCode);
        }

        [Fact]
        public async Task An_error_body_that_stops_arriving_honours_the_overall_deadline()
        {
            using var client = _emulator.Client();
            var options = new RequestOptions { Timeout = TimeSpan.FromMinutes(5), Deadline = TimeSpan.FromMilliseconds(800), MaxRetries = 3 };
            var error = await Bounded(() => client.Models.GenerateContentAsync("fault-silence-500", EmulatorFixture.Prompt("x"), options));
            Assert.True(Assert.IsType<RequestTimeoutException>(error).IsOverall);
        }

        [Fact]
        public async Task An_error_body_that_stops_arriving_is_cancellable()
        {
            using var client = _emulator.Client();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            var options = new RequestOptions { Timeout = TimeSpan.FromMinutes(5), MaxRetries = 0 };
            var error = await Bounded(() => client.Models.GenerateContentAsync("fault-silence-500", EmulatorFixture.Prompt("x"), options, cancel.Token));
            Assert.IsAssignableFrom<OperationCanceledException>(error);
        }

        [Fact]
        public async Task A_json_array_stream_that_stops_arriving_ends_in_a_timeout()
        {
            using var client = _emulator.Client();
            var error = await Bounded(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync("fault-silence-array", EmulatorFixture.Prompt("x"), Short)) { }
            });
            Assert.IsType<RequestTimeoutException>(error);
        }

        [Fact]
        public async Task A_stream_silent_for_longer_than_the_idle_timeout_ends_in_a_timeout_and_keeps_what_arrived()
        {
            using var client = _emulator.Client();
            var options = new RequestOptions { Timeout = TimeSpan.FromMinutes(5), StreamIdleTimeout = TimeSpan.FromMilliseconds(700), MaxRetries = 0 };
            var received = new List<GenerateContentResponse>();
            var watch = Stopwatch.StartNew();
            var error = await Bounded(async () =>
            {
                await foreach (var chunk in client.Models.StreamGenerateContentAsync("fault-silence-200", EmulatorFixture.Prompt("x"), options)) received.Add(chunk);
            });

            // After a chunk, any failure is a StreamInterrupted (the chunks received stay valid); its cause is the idle timeout.
            var interrupted = Assert.IsType<StreamInterruptedException>(error);
            Assert.Equal(1, interrupted.ChunksReceived);
            var timeout = Assert.IsType<RequestTimeoutException>(interrupted.InnerException);
            Assert.Equal(TimeSpan.FromMilliseconds(700), timeout.Timeout);
            Assert.Contains("sent nothing for 0.7 s after chunk 1", timeout.Message);
            Assert.Equal("partial ", Assert.Single(received).Text);
        }

        [Fact]
        public async Task A_slow_but_steady_stream_is_not_cut_by_the_idle_timeout()
        {
            using var client = _emulator.Client();
            var options = new RequestOptions { StreamIdleTimeout = TimeSpan.FromMilliseconds(1500), MaxRetries = 0 };
            int chunks = 0;
            await foreach (var _ in client.Models.StreamGenerateContentAsync(EmulatorFixture.Tagged("slow-300ms"), EmulatorFixture.Prompt("a b c d e f"), options)) chunks++;
            Assert.True(chunks >= 6, $"{chunks} chunks");   // 6 × 300 ms: longer in total than the idle timeout
        }
    }
}
