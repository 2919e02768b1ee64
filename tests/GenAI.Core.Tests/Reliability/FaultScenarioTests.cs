using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Reliability
{
    /// <summary>Every fault scenario of the emulator, end to end through the real REST transport and the retry decorator.</summary>
    public class FaultScenarioTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public FaultScenarioTests(EmulatorFixture emulator) { _emulator = emulator; }

        private static async Task<(List<GenerateContentResponse> Chunks, Exception Error)> Drain(IAsyncEnumerable<GenerateContentResponse> stream)
        {
            var chunks = new List<GenerateContentResponse>();
            try
            {
                await foreach (var chunk in stream) chunks.Add(chunk);
                return (chunks, null);
            }
            catch (Exception ex)
            {
                return (chunks, ex);
            }
        }

        [Fact]
        public async Task Fault_429_then_ok_succeeds_after_waiting_at_least_the_RetryInfo_delay()
        {
            string model = EmulatorFixture.Tagged("fault-429-then-ok");
            var log = new List<string>();
            using var client = _emulator.Client(log);
            var watch = Stopwatch.StartNew();
            var reply = await client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("after a quota error"));
            watch.Stop();
            Assert.Equal("Echo: after a quota error", reply.Text);
            Assert.Equal(2, _emulator.RequestsFor(model));
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"the emulator's RetryInfo asks for 1 s; waited {watch.Elapsed}");
            Assert.Contains(log, l => l.StartsWith("Info: generateContent: 429 RESOURCE_EXHAUSTED") && l.Contains("asked for at least 1.0 s"));
        }

        [Fact]
        public async Task Fault_429_then_ok_streams_after_the_retry()
        {
            string model = EmulatorFixture.Tagged("fault-429-then-ok");
            using var client = _emulator.Client();
            var watch = Stopwatch.StartNew();
            var (chunks, error) = await Drain(client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("one two three")));
            Assert.Null(error);
            Assert.Equal("Echo: one two three", string.Concat(chunks.Select(c => c.TextOrEmpty)));
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1));
            Assert.Equal(2, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_503x2_succeeds_on_the_third_attempt()
        {
            string model = EmulatorFixture.Tagged("fault-503x2");
            var log = new List<string>();
            using var client = _emulator.Client(log);
            var reply = await client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("third time lucky"));
            Assert.Equal("Echo: third time lucky", reply.Text);
            Assert.Equal(3, _emulator.RequestsFor(model));
            Assert.Equal(2, log.Count(l => l.Contains("503 UNAVAILABLE") && l.Contains("Retry")));
            Assert.Contains("Info: generateContent succeeded on attempt 3.", log);
        }

        [Fact]
        public async Task Fault_503x2_gives_up_with_ServiceUnavailable_when_only_one_retry_is_allowed()
        {
            string model = EmulatorFixture.Tagged("fault-503x2");
            using var client = _emulator.Client();
            var error = await Assert.ThrowsAsync<ApiException>(() =>
                client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"), new RequestOptions { MaxRetries = 1 }));
            Assert.Equal("ServiceUnavailable", error.ErrorCode);
            Assert.Equal(503, error.HttpStatus);
            Assert.Equal(2, error.Attempts);
            Assert.Equal(2, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_500_fails_with_InternalServerError_after_every_retry()
        {
            string model = EmulatorFixture.Tagged("fault-500");
            using var client = _emulator.Client();
            var error = await Assert.ThrowsAsync<ApiException>(() =>
                client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"), new RequestOptions { MaxRetries = 2 }));
            Assert.Equal("InternalServerError", error.ErrorCode);
            Assert.Equal(3, error.Attempts);
            Assert.Contains("Gave up after 3 attempts", error.Message);
            Assert.Equal(3, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_midstream_keeps_the_chunks_and_raises_StreamInterrupted_without_retrying()
        {
            string model = EmulatorFixture.Tagged("fault-midstream-2");
            using var client = _emulator.Client();
            var (chunks, error) = await Drain(client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("alpha beta gamma delta")));
            Assert.Equal(2, chunks.Count);
            Assert.Equal("Echo: alpha ", string.Concat(chunks.Select(c => c.TextOrEmpty)));
            var interrupted = Assert.IsType<StreamInterruptedException>(error);
            Assert.Equal(2, interrupted.ChunksReceived);
            var cause = Assert.IsType<ApiException>(interrupted.InnerException);
            Assert.Equal(503, cause.HttpStatus);
            Assert.Contains("chunks already received were kept", interrupted.Message);
            Assert.Equal(1, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_reset_fails_with_ConnectionFailed_after_retrying()
        {
            string model = EmulatorFixture.Tagged("fault-reset");
            using var client = _emulator.Client();
            var error = await Assert.ThrowsAsync<TransportException>(() =>
                client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"), new RequestOptions { MaxRetries = 1 }));
            Assert.Equal("ConnectionFailed", error.ErrorCode);
            Assert.Equal(2, error.Attempts);
            Assert.Equal(2, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_reset_after_N_keeps_the_chunks_and_raises_StreamInterrupted()
        {
            // The emulator resets only once this client has read both chunks (the gate): a reset right after a flush
            // may make the kernel drop data not read yet, which the client rightly sees as a failed connect.
            string model = EmulatorFixture.Tagged("fault-reset-gated-after-2");
            using var client = _emulator.Client();
            var chunks = new List<GenerateContentResponse>();
            Exception error = null;
            try
            {
                await foreach (var chunk in client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("alpha beta gamma delta")))
                {
                    chunks.Add(chunk);
                    if (chunks.Count == 2) _emulator.Host.ReleaseGate(model);
                }
            }
            catch (Exception ex)
            {
                error = ex;
            }

            var interrupted = Assert.IsType<StreamInterruptedException>(error);
            Assert.IsType<TransportException>(interrupted.InnerException);
            Assert.Equal(2, chunks.Count);
            Assert.Equal(2, interrupted.ChunksReceived);
            Assert.Equal(1, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_reset_after_0_is_retried_because_nothing_was_delivered()
        {
            string model = EmulatorFixture.Tagged("fault-reset-after-0");
            using var client = _emulator.Client();
            var (chunks, error) = await Drain(client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("x"), options: new RequestOptions { MaxRetries = 2 }));
            Assert.Empty(chunks);
            var failed = Assert.IsType<TransportException>(error);
            Assert.Equal(3, failed.Attempts);
            Assert.Equal(3, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_hang_times_out_each_attempt_and_reports_Timeout()
        {
            string model = EmulatorFixture.Tagged("fault-hang");
            using var client = _emulator.Client();
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"),
                new RequestOptions { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 }));
            Assert.False(error.IsOverall);
            Assert.Equal(2, error.Attempts);   // (not the emulator's count: a loaded machine may not read a request within 300 ms)
        }

        [Fact]
        public async Task Fault_hang_is_cut_by_the_total_deadline()
        {
            string model = EmulatorFixture.Tagged("fault-hang");
            using var client = _emulator.Client();
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"),
                new RequestOptions { Timeout = TimeSpan.FromSeconds(60), Deadline = TimeSpan.FromMilliseconds(500) }));
            Assert.True(error.IsOverall);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        }

        [Fact]
        public async Task Fault_malformed_unary_is_a_ResponseParseFailed_error_and_not_retried()
        {
            string model = EmulatorFixture.Tagged("fault-malformed");
            using var client = _emulator.Client();
            var error = await Assert.ThrowsAsync<ResponseParseException>(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x")));
            Assert.Equal("ResponseParseFailed", error.ErrorCode);
            Assert.Equal(1, _emulator.RequestsFor(model));
        }

        [Fact]
        public async Task Fault_malformed_stream_keeps_the_first_chunk_and_reports_the_parse_failure()
        {
            string model = EmulatorFixture.Tagged("fault-malformed");
            using var client = _emulator.Client();
            var (chunks, error) = await Drain(client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("alpha beta gamma")));
            Assert.Single(chunks);
            var interrupted = Assert.IsType<StreamInterruptedException>(error);
            Assert.IsType<ResponseParseException>(interrupted.InnerException);
        }

        [Fact]
        public async Task Fault_oversized_reply_of_about_10_MB_is_read_whole_unary_and_streamed()
        {
            string model = EmulatorFixture.Tagged("fault-oversized");
            using var client = _emulator.Client();
            var reply = await client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"));
            Assert.True(reply.Text.Length >= 10_000_000, $"got {reply.Text.Length} characters");
            Assert.StartsWith("oversized oversized", reply.Text);

            var (chunks, error) = await Drain(client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("x")));
            Assert.Null(error);
            Assert.Equal(reply.Text.Length, chunks.Sum(c => c.TextOrEmpty.Length));
        }

        [Fact]
        public async Task Delay_longer_than_the_attempt_timeout_times_out_and_shorter_succeeds()
        {
            string model = EmulatorFixture.Tagged("delay-800ms");
            using var client = _emulator.Client();
            await Assert.ThrowsAsync<RequestTimeoutException>(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x"),
                new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 }));
            var reply = await client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("patience"), new RequestOptions { Timeout = TimeSpan.FromSeconds(30) });
            Assert.Equal("Echo: patience", reply.Text);
        }

        /// <summary>A socket stream that reports when the connection is closed.</summary>
        private sealed class ObservedNetworkStream : System.Net.Sockets.NetworkStream
        {
            private readonly TaskCompletionSource _closed;

            public ObservedNetworkStream(System.Net.Sockets.Socket socket, TaskCompletionSource closed) : base(socket, ownsSocket: true) { _closed = closed; }

            protected override void Dispose(bool disposing)
            {
                base.Dispose(disposing);
                _closed.TrySetResult();
            }
        }

        [Fact]
        public async Task Cancelling_a_stream_closes_its_connection_so_the_server_stops_too()
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = new System.Net.Http.SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new ObservedNetworkStream(socket, closed);
                },
            };
            var options = new GenAIClientOptions { BaseUri = _emulator.Host.BaseUri, ApiKey = EmulatorFixture.ApiKey };
            using var client = new GenAIClient(options, new RestTransport(options, new System.Net.Http.HttpClient(handler)));
            using var cancel = new CancellationTokenSource();
            var stream = client.Models.StreamGenerateContentAsync(EmulatorFixture.Tagged("slow-5000ms"), EmulatorFixture.Prompt("alpha beta gamma"), cancellationToken: cancel.Token)
                .GetAsyncEnumerator(cancel.Token);
            Assert.True(await stream.MoveNextAsync());
            var next = stream.MoveNextAsync().AsTask();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
            await stream.DisposeAsync();
            Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(5))));
        }

        [Fact]
        public async Task Cancelling_a_slow_stream_after_its_first_chunk_ends_the_read_without_waiting_for_the_next_chunk()
        {
            // The next chunk is 5 s away: the pending read must end cancelled long before it. How fast it ends is measured
            // by the benchmark's Cancel row (bench/README.md), not here, where a busy test run stretches any wall-clock figure.
            string model = EmulatorFixture.Tagged("slow-5000ms");
            using var client = _emulator.Client();
            using var cancel = new CancellationTokenSource();
            var enumerator = client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("alpha beta gamma"), cancellationToken: cancel.Token)
                .GetAsyncEnumerator(cancel.Token);
            Assert.True(await enumerator.MoveNextAsync());
            var next = enumerator.MoveNextAsync().AsTask();
            var watch = Stopwatch.StartNew();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
            watch.Stop();
            await enumerator.DisposeAsync();
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(2500), $"took {watch.ElapsedMilliseconds} ms, as if it waited for the server");
        }
    }
}
