using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class RobustnessTests
{
    private readonly EmulatorFixture _emulator;

    public RobustnessTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task HundredConcurrentRequestsAllSucceed()
    {
        Task<JsonNode>[] calls = Enumerable.Range(0, 100).Select(i => i % 2 == 0
            ? TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", TestHttp.Prompt("call " + i))
            : StreamAsync(i)).ToArray();
        JsonNode[] results = await Task.WhenAll(calls);

        for (int i = 0; i < 100; i += 2)
        {
            Assert.Equal("Echo: call " + i, TestHttp.Text(results[i]));
        }

        async Task<JsonNode> StreamAsync(int i)
        {
            var (response, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "slow-5ms-c" + i, TestHttp.Prompt("call " + i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Echo: call " + i, TestHttp.StreamedText(TestHttp.ParseSse(raw)));
            return JsonNode.Parse("{}")!;
        }
    }

    [Fact]
    public async Task FortyMegabytesOfInlineDataAreAccepted()
    {
        int bytes = 30_000_000;
        string data = Convert.ToBase64String(new byte[bytes]);
        Assert.True(data.Length > 39_000_000);
        string body = $$$"""{"contents":[{"parts":[{"inlineData":{"mimeType":"image/jpeg","data":"{{{data}}}"}}]}]}""";

        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", body);
        Assert.Equal($"Echo: [inlineData image/jpeg {bytes} bytes]", TestHttp.Text(response));
        Assert.Equal(258, (int)response["usageMetadata"]!["promptTokenCount"]!);
    }

    [Fact]
    public async Task TooLargeBodiesGetTheServicesPayloadError()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, MaxRequestBodyBytes = 1000 });
        using HttpClient client = TestHttp.CreateClient(host);
        var (response, body) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt(new string('x', 2000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Request payload size exceeds the limit:", (string?)body!["error"]!["message"]);
    }

    [Fact]
    public async Task ClientDisconnectStopsAStreamAndDisposeDoesNotWaitForHangingCalls()
    {
        EmulatorHost host = await EmulatorHost.StartAsync();
        using HttpClient client = TestHttp.CreateClient(host);

        using (var cancel = new CancellationTokenSource())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/stream-100000:streamGenerateContent?alt=sse")
            {
                Content = TestHttp.Json(TestHttp.Prompt("x")),
            };
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            byte[] buffer = new byte[1024];
            Assert.True(await stream.ReadAsync(buffer, cancel.Token) > 0);
            cancel.Cancel();
        }

        Task hanging = client.PostAsync("v1beta/models/fault-hang:generateContent", TestHttp.Json(TestHttp.Prompt("x")));
        var arrived = Stopwatch.StartNew();
        while (!host.Requests.Any(r => r.Path.Contains("fault-hang", StringComparison.Ordinal)) && arrived.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.False(hanging.IsCompleted, "the fault-hang request is held by the emulator");
        var stopwatch = Stopwatch.StartNew();
        await host.DisposeAsync();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"dispose took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => hanging);
    }
}
