using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Transport;

namespace GenAI.Transport.Grpc.Tests.Parity
{
    /// <summary>The retry decorator works the same over both transports: the same faults, the same outcomes.</summary>
    public sealed class RetryParityTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public RetryParityTests(EmulatorFixture emulator) { _emulator = emulator; }

        public static TheoryData<TransportKind> Transports => new TheoryData<TransportKind> { TransportKind.Rest, TransportKind.Grpc };

        private static IReadOnlyList<C.Content> Prompt(string text) => new[] { C.Content.FromText(text) };

        private static GenerativeModel Tagged(string prefix, TransportKind transport) =>
            new GenerativeModel($"{prefix}-{transport.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}".Substring(0, prefix.Length + 14));

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Overloaded_twice_then_succeeds_on_the_third_attempt(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            client.Options.Retry.InitialDelay = TimeSpan.FromMilliseconds(20);
            var log = new List<string>();
            var options = new RequestOptions { Log = (level, message) => { lock (log) log.Add(message); } };
            var reply = await client.Models.GenerateContentAsync(Tagged("fault-503x2", transport), Prompt("third time"), options: options);
            Assert.Equal("STOP", reply.FinishReason);
            Assert.Equal(2, log.Count(l => l.Contains("Retry") && l.Contains("503 UNAVAILABLE")));
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task A_rate_limit_waits_at_least_the_RetryInfo_delay_then_succeeds(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var watch = Stopwatch.StartNew();
            var reply = await client.Models.GenerateContentAsync(Tagged("fault-429-then-ok", transport), Prompt("x"));
            Assert.Equal("STOP", reply.FinishReason);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"waited {watch.Elapsed}");
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task A_stream_broken_after_its_first_chunks_is_not_retried(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            var received = 0;
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync(Tagged("fault-midstream-2", transport), Prompt("alpha beta gamma delta")))
                    received++;
            });
            Assert.Equal(2, received);
            Assert.Equal(1, error.Attempts);
        }

        [Theory]
        [MemberData(nameof(Transports))]
        public async Task Always_failing_gives_up_after_MaxRetries_naming_the_attempts(TransportKind transport)
        {
            using var client = _emulator.Client(transport);
            client.Options.Retry.InitialDelay = TimeSpan.FromMilliseconds(20);
            var error = await Assert.ThrowsAsync<ApiException>(() =>
                client.Models.GenerateContentAsync(Tagged("fault-500", transport), Prompt("x"), options: new RequestOptions { MaxRetries = 2 }));
            Assert.Equal("InternalServerError", error.ErrorCode);
            Assert.Equal(3, error.Attempts);
        }
    }
}
