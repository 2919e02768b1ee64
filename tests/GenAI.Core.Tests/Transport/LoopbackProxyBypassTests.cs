using System;
using System.Net;
using System.Threading.Tasks;
using GenAI.Core.Tests.TestSupport;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Transport
{
    /// <summary>A plain-http loopback endpoint is never sent through a proxy: the key would travel to it in clear text.</summary>
    public class LoopbackProxyBypassTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _emulator;

        public LoopbackProxyBypassTests(EmulatorFixture emulator) { _emulator = emulator; }

        [Theory]
        [InlineData("http://127.0.0.1:5000/", true)]
        [InlineData("http://127.10.20.30/", true)]
        [InlineData("http://[::1]:8080/", true)]
        [InlineData("http://localhost:5000/", true)]
        [InlineData("http://LOCALHOST/", true)]
        [InlineData("https://127.0.0.1:5000/", false)]
        [InlineData("http://localhost.example.com/", false)]
        [InlineData("http://127.0.0.1.nip.io/", false)]
        [InlineData("http://128.0.0.1/", false)]
        [InlineData("http://[::2]/", false)]
        [InlineData("http://generativelanguage.googleapis.com/", false)]
        public void Only_plain_http_to_a_loopback_literal_or_localhost_counts(string uri, bool expected) =>
            Assert.Equal(expected, LoopbackBypassProxy.IsPlainHttpLoopback(new Uri(uri)));

        [Fact]
        public void The_wrapper_sends_loopback_direct_and_everything_else_to_the_inner_proxy()
        {
            var inner = new WebProxy("http://proxy.example:3128");
            var proxy = new LoopbackBypassProxy(inner);
            Assert.True(proxy.IsBypassed(new Uri("http://127.0.0.1:9/")));
            Assert.False(proxy.IsBypassed(new Uri("https://generativelanguage.googleapis.com/")));
            Assert.Equal(new Uri("http://proxy.example:3128/"), proxy.GetProxy(new Uri("https://generativelanguage.googleapis.com/")));
        }

        [Fact]
        public async Task A_call_to_the_loopback_emulator_never_reaches_the_configured_proxy()
        {
            using var proxyListener = new RecordingListener();
            var options = new GenAIClientOptions
            {
                BaseUri = _emulator.Host.BaseUri,
                ApiKey = EmulatorFixture.ApiKey,
                // As http_proxy=... in the environment would (no no_proxy): the proxy itself does not exempt loopback.
                Proxy = EnvironmentProxy.FromEnvironment(name => name == "http_proxy" ? $"http://127.0.0.1:{proxyListener.Port}" : null),
            };
            using var client = new GenAIClient(options);

            var reply = await client.Models.GenerateContentAsync("gemini-2.5-flash", EmulatorFixture.Prompt("direct please"));

            Assert.Contains("direct please", reply.Text);
            Assert.Empty(proxyListener.Received);
        }
    }
}
