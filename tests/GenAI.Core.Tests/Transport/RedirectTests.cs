using System;
using System.Linq;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Transport
{
    /// <summary>The key never crosses an origin: the emulator answers 307 to a second local listener that records what arrives.</summary>
    public class RedirectTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public RedirectTests(EmulatorFixture emulator) { _emulator = emulator; }

        [Fact]
        public async Task A_redirect_to_another_port_is_refused_and_the_key_never_arrives_there()
        {
            using var elsewhere = new RecordingListener();
            using var client = _emulator.Client();
            string model = $"redirect-to-{elsewhere.Port}";

            var unary = await Assert.ThrowsAsync<RedirectRefusedException>(() =>
                client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("secret plans")));
            Assert.Equal("RedirectRefused", unary.ErrorCode);
            Assert.Equal(elsewhere.Port, unary.Location.Port);
            Assert.Contains($"127.0.0.1:{elsewhere.Port}", unary.Message);

            var streamed = await Assert.ThrowsAsync<RedirectRefusedException>(async () =>
            {
                await foreach (var _ in client.Models.StreamGenerateContentAsync(model, EmulatorFixture.Prompt("secret plans"))) { }
            });
            Assert.Equal("RedirectRefused", streamed.ErrorCode);

            await Assert.ThrowsAsync<RedirectRefusedException>(() => client.Models.CountTokensAsync(new GenAI.Core.Models.GenerativeModel(model), EmulatorFixture.Prompt("secret plans").Contents));

            // The calls have returned, so anything they sent to the other listener has been recorded by now.
            Assert.DoesNotContain(elsewhere.Received, head => head.IndexOf(EmulatorFixture.ApiKey, StringComparison.Ordinal) >= 0);
            Assert.Empty(elsewhere.Received);
        }

        [Fact]
        public async Task A_refused_redirect_is_not_retried()
        {
            using var elsewhere = new RecordingListener();
            using var client = _emulator.Client();
            string model = $"redirect-to-{elsewhere.Port}-{Guid.NewGuid():N}".Substring(0, 30);
            _emulator.Host.ClearRequests();

            await Assert.ThrowsAsync<RedirectRefusedException>(() => client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("x")));

            Assert.Single(_emulator.Host.Requests, r => r.Path.Contains(model, StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_redirect_within_the_same_origin_is_followed_with_the_key_and_body()
        {
            using var client = _emulator.Client();
            string model = $"redirect-to-{_emulator.Host.BaseUri.Port}";

            var reply = await client.Models.GenerateContentAsync(model, EmulatorFixture.Prompt("same origin"));

            Assert.Contains("same origin", reply.Text);   // the echo model answered the re-sent body
        }
    }
}
