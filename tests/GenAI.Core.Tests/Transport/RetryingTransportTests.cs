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

namespace GenAI.Core.Tests.Transport
{
    public class RetryingTransportTests
    {
        private static readonly GenerateContentRequest s_request = new GenerateContentRequest();

        private sealed class Harness
        {
            public ScriptedTransport Wire { get; } = new ScriptedTransport();
            public JumpingClock Clock { get; } = new JumpingClock();
            public List<string> Log { get; } = new List<string>();
            public RetryPolicy Policy { get; }
            public RequestOptions Defaults { get; } = new RequestOptions();
            public RetryingTransport Transport { get; }

            public Harness(Func<double> random = null, TimeProvider clock = null)
            {
                Policy = new RetryPolicy { TimeProvider = clock ?? Clock, Random = random ?? (() => 0.5) };
                Defaults.Log = (level, message) => { lock (Log) Log.Add($"{level}: {message}"); };
                Transport = new RetryingTransport(Wire, Policy, Defaults);
            }

            public Task<GenerateContentResponse> Generate(RequestOptions options = null, CancellationToken token = default) =>
                Transport.GenerateContentAsync("models/m", s_request, options ?? new RequestOptions(), token);

            public async Task<List<string>> Stream(RequestOptions options = null)
            {
                var texts = new List<string>();
                await foreach (var chunk in Transport.StreamGenerateContentAsync("models/m", s_request, options ?? new RequestOptions(), default))
                    texts.Add(chunk.TextOrEmpty);
                return texts;
            }
        }

        private static ApiException Api(int status, TimeSpan? retryDelay = null) =>
            new ApiException(status, status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE" : null, $"status {status}", retryDelay: retryDelay);

        [Theory]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task Retries_transient_statuses_until_success(int status)
        {
            var h = new Harness();
            h.Wire.Fail(Api(status)).Fail(Api(status)).Reply("ok");
            var reply = await h.Generate();
            Assert.Equal("ok", reply.TextOrEmpty);
            Assert.Equal(3, h.Wire.Calls);
            Assert.Equal(2, h.Clock.Waits.Count);
        }

        [Fact]
        public async Task Retries_connection_failures_and_attempt_timeouts()
        {
            var h = new Harness();
            h.Wire.Fail(new TransportException("connection reset"))
                .Fail(new RequestTimeoutException("attempt timed out", TimeSpan.FromSeconds(1)))
                .Reply("ok");
            Assert.Equal("ok", (await h.Generate()).TextOrEmpty);
            Assert.Equal(3, h.Wire.Calls);
        }

        public static IEnumerable<object[]> PermanentFailures() => new[]
        {
            new object[] { Api(400) }, new object[] { Api(401) }, new object[] { Api(403) }, new object[] { Api(404) },
            new object[] { new ResponseParseException("bad json") },
            new object[] { new RequestTimeoutException("total", TimeSpan.FromSeconds(1), isOverall: true) },
            new object[] { new InvalidInputException("EmptyPrompt", "empty") },
        };

        [Theory]
        [MemberData(nameof(PermanentFailures))]
        public async Task Never_retries_client_errors_parse_failures_or_an_exhausted_deadline(Exception error)
        {
            var h = new Harness();
            h.Wire.Fail(error).Reply("never reached");
            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => h.Generate());
            Assert.Same(error, thrown);
            Assert.Equal(1, h.Wire.Calls);
            Assert.Empty(h.Clock.Waits);
            Assert.DoesNotContain("Gave up", thrown.Message);
        }

        [Fact]
        public async Task Creating_a_cache_is_retried_after_a_refusal_but_not_after_a_failure_that_may_have_created_it()
        {
            var h = new Harness();
            h.Wire.Fail(Api(429)).Reply("created");
            Assert.Equal("created", (await h.Transport.CreateCachedContentAsync(new CachedContent(), new RequestOptions(), default)).DisplayName);
            Assert.Equal(2, h.Wire.Calls);

            var overloaded = Api(503);
            h.Wire.Fail(overloaded).Reply("would be a duplicate");
            var error = await Assert.ThrowsAsync<ApiException>(() => h.Transport.CreateCachedContentAsync(new CachedContent(), new RequestOptions(), default));
            Assert.Same(overloaded, error);
            Assert.Equal(3, h.Wire.Calls);
        }

        [Fact]
        public async Task Gives_up_after_MaxRetries_with_the_last_error_saying_how_many_attempts()
        {
            var h = new Harness();
            for (int i = 0; i < 5; i++) h.Wire.Fail(Api(503));
            var error = await Assert.ThrowsAsync<ApiException>(() => h.Generate(new RequestOptions { MaxRetries = 2 }));
            Assert.Equal(3, h.Wire.Calls);
            Assert.Equal("ServiceUnavailable", error.ErrorCode);
            Assert.Equal(3, error.Attempts);
            Assert.EndsWith("(Gave up after 3 attempts.)", error.Message);
        }

        [Fact]
        public async Task MaxRetries_comes_from_the_call_then_the_client_defaults_then_the_policy()
        {
            var h = new Harness();
            for (int i = 0; i < 20; i++) h.Wire.Fail(Api(500));

            await Assert.ThrowsAsync<ApiException>(() => h.Generate());
            Assert.Equal(RetryPolicy.DefaultMaxRetries + 1, h.Wire.Calls);

            h.Defaults.MaxRetries = 1;
            h.Wire.Calls = 0;
            await Assert.ThrowsAsync<ApiException>(() => h.Generate());
            Assert.Equal(2, h.Wire.Calls);

            h.Wire.Calls = 0;
            await Assert.ThrowsAsync<ApiException>(() => h.Generate(new RequestOptions { MaxRetries = 0 }));
            Assert.Equal(1, h.Wire.Calls);
        }

        [Fact]
        public async Task Waits_at_least_the_service_retry_delay_even_when_the_jitter_is_zero()
        {
            var h = new Harness(random: () => 0.0);
            h.Wire.Fail(Api(429, TimeSpan.FromSeconds(7))).Fail(Api(503)).Reply("ok");
            await h.Generate();
            Assert.Equal(3, h.Wire.Calls);
            Assert.Equal(TimeSpan.FromSeconds(7), h.Clock.Waits[0]);
            Assert.Equal(TimeSpan.FromSeconds(7), h.Clock.Elapsed);   // the 503 retry, with zero jitter, did not wait
        }

        [Fact]
        public async Task Backoff_grows_exponentially_with_full_jitter_up_to_the_cap()
        {
            var h = new Harness(random: () => 0.999);
            h.Policy.MaxDelay = TimeSpan.FromSeconds(5);
            for (int i = 0; i < 5; i++) h.Wire.Fail(Api(503));
            h.Wire.Reply("ok");
            await h.Generate(new RequestOptions { MaxRetries = 5 });
            var seconds = h.Clock.Waits.Select(w => Math.Round(w.TotalSeconds, 2)).ToArray();
            Assert.Equal(new[] { 1.0, 2.0, 4.0, 5.0, 5.0 }, seconds);
        }

        [Fact]
        public void Computed_delays_stay_within_the_full_jitter_window()
        {
            var random = new Random(7);
            var policy = new RetryPolicy { Random = random.NextDouble };
            for (int retry = 0; retry < 40; retry++)
            {
                double ceiling = Math.Min(policy.MaxDelay.TotalSeconds, Math.Pow(2, retry));
                for (int sample = 0; sample < 50; sample++)
                {
                    var delay = policy.ComputeDelay(retry, null);
                    Assert.InRange(delay.TotalSeconds, 0, ceiling);
                    var server = TimeSpan.FromSeconds(random.Next(0, 100));
                    Assert.True(policy.ComputeDelay(retry, server) >= server);
                }
            }
        }

        [Fact]
        public async Task Does_not_park_the_caller_when_the_service_asks_for_more_than_MaxServerDelay()
        {
            var h = new Harness();
            var quota = Api(429, TimeSpan.FromHours(1));
            h.Wire.Fail(quota).Reply("never reached");
            var error = await Assert.ThrowsAsync<ApiException>(() => h.Generate());
            Assert.Same(quota, error);
            Assert.Equal(1, h.Wire.Calls);
            Assert.Contains(h.Log, l => l.Contains("not retrying") && l.Contains("3600"));
        }

        [Fact]
        public async Task A_TLS_authentication_failure_is_not_retried_but_other_connection_failures_are()
        {
            var h = new Harness();
            var tls = new TransportException("generateContent failed: The SSL connection could not be established.",
                new System.Net.Http.HttpRequestException("The SSL connection could not be established.",
                    new System.Security.Authentication.AuthenticationException("The remote certificate is invalid.")));
            h.Wire.Fail(tls).Reply("never reached");
            var error = await Assert.ThrowsAsync<TransportException>(() => h.Generate());
            Assert.Same(tls, error);
            Assert.Equal(1, h.Wire.Calls);

            var reset = new Harness();
            reset.Wire.Fail(new TransportException("generateContent failed: connection reset", new System.IO.IOException("reset"))).Reply("ok");
            await reset.Generate();
            Assert.Equal(2, reset.Wire.Calls);
        }

        [Fact]
        public async Task Does_not_retry_when_the_service_wait_would_overrun_the_deadline()
        {
            var h = new Harness(clock: TimeProvider.System);
            h.Wire.Fail(Api(429, TimeSpan.FromSeconds(30))).Reply("never reached");
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ApiException>(() => h.Generate(new RequestOptions { Deadline = TimeSpan.FromSeconds(10) }));
            Assert.Equal("RateLimited", error.ErrorCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the error comes at once instead of after a wait that cannot succeed");
            Assert.Contains(h.Log, l => l.Contains("total time limit"));
        }

        [Fact]
        public async Task The_deadline_ends_a_hanging_call_with_an_overall_timeout()
        {
            var h = new Harness(clock: TimeProvider.System);
            h.Wire.Hang();
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => h.Generate(new RequestOptions { Deadline = TimeSpan.FromMilliseconds(300) }));
            Assert.True(error.IsOverall);
            Assert.Equal("Timeout", error.ErrorCode);
            Assert.Contains("total time limit of 0.3 s", error.Message);
            Assert.Equal(1, h.Wire.Calls);
        }

        [Fact]
        public async Task The_deadline_names_the_last_failure_when_it_runs_out_during_retries()
        {
            var h = new Harness(clock: TimeProvider.System);
            h.Policy.InitialDelay = TimeSpan.FromMilliseconds(50);
            h.Wire.Fail(Api(503)).Hang();
            var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => h.Generate(new RequestOptions { Deadline = TimeSpan.FromMilliseconds(500) }));
            Assert.True(error.IsOverall);
            Assert.Contains("2 attempt(s)", error.Message);
            Assert.Contains("status 503", error.Message);
            Assert.IsType<ApiException>(error.InnerException);
        }

        [Fact]
        public async Task The_caller_cancelling_during_a_wait_stops_at_once_and_is_not_a_timeout()
        {
            var h = new Harness(clock: TimeProvider.System);
            h.Wire.Fail(Api(429, TimeSpan.FromSeconds(60))).Reply("never reached");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Generate(new RequestOptions { Deadline = TimeSpan.FromSeconds(120) }, cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
            Assert.Equal(1, h.Wire.Calls);
        }

        [Fact]
        public async Task A_stream_is_retried_while_it_has_not_delivered_a_chunk()
        {
            var h = new Harness();
            h.Wire.Fail(Api(503)).Fail(new TransportException("reset")).Reply("a", "b");
            Assert.Equal(new[] { "a", "b" }, await h.Stream());
            Assert.Equal(3, h.Wire.Calls);
        }

        [Fact]
        public async Task A_stream_is_never_retried_after_its_first_chunk()
        {
            var h = new Harness();
            var midStream = Api(503);
            h.Wire.ReplyThenFail(midStream, "a", "b").Reply("would duplicate");
            var received = new List<string>();
            var error = await Assert.ThrowsAsync<ApiException>(async () =>
            {
                await foreach (var chunk in h.Transport.StreamGenerateContentAsync("models/m", s_request, new RequestOptions(), default))
                    received.Add(chunk.TextOrEmpty);
            });
            Assert.Same(midStream, error);
            Assert.Equal(new[] { "a", "b" }, received);
            Assert.Equal(1, h.Wire.Calls);
            Assert.Equal(1, error.Attempts);
        }

        [Fact]
        public async Task Through_the_client_a_mid_stream_failure_is_StreamInterrupted_with_the_chunks_kept()
        {
            var wire = new ScriptedTransport().ReplyThenFail(Api(503), "kept");
            using var client = new GenAIClient(new GenAIClientOptions { ApiKey = "k" }, wire);
            var received = new List<string>();
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var chunk in client.Models.StreamGenerateContentAsync("m", s_request))
                    received.Add(chunk.TextOrEmpty);
            });
            Assert.Equal(new[] { "kept" }, received);
            Assert.Equal(1, error.ChunksReceived);
            Assert.Equal("StreamInterrupted", error.ErrorCode);
            Assert.Contains("chunks already received were kept", error.Message);
        }

        [Fact]
        public async Task Logs_each_retry_and_the_recovery_at_info_level()
        {
            var h = new Harness(random: () => 0.5);
            h.Wire.Fail(Api(503)).Reply("ok");
            await h.Generate();
            Assert.Contains(h.Log, l => l.StartsWith("Info: generateContent: 503 UNAVAILABLE: status 503. Retry 1 of 3 in 0.5 s"));
            Assert.Contains("Info: generateContent succeeded on attempt 2.", h.Log);
        }

        [Fact]
        public async Task The_client_wraps_its_transport_once_so_retries_apply_to_every_call()
        {
            var wire = new ScriptedTransport().Fail(Api(503)).Reply("ok");
            var options = new GenAIClientOptions { ApiKey = "k" };
            options.Retry.TimeProvider = new JumpingClock();
            using var client = new GenAIClient(options, wire);
            Assert.IsType<RetryingTransport>(client.Transport);
            Assert.Same(wire, client.WireTransport);
            Assert.Same(client.Transport, new GenAIClient(options, client.Transport).Transport);
            var reply = await client.Models.GenerateContentAsync("m", s_request);
            Assert.Equal("ok", reply.TextOrEmpty);
        }
    }
}
