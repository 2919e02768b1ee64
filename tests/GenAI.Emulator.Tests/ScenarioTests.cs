using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class ScenarioTests
{
    private readonly EmulatorFixture _emulator;

    public ScenarioTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    private HttpClient Client => _emulator.Client;

    [Fact]
    public async Task BlockedPromptHasPromptFeedbackAndNoCandidates()
    {
        string model = TestHttp.Unique("blocked");
        JsonNode response = await TestHttp.GenerateAsync(Client, model, TestHttp.Prompt("bad words"));
        Assert.Null(response["candidates"]);
        Assert.Equal("SAFETY", (string?)response["promptFeedback"]!["blockReason"]);
        Assert.Contains(response["promptFeedback"]!["safetyRatings"]!.AsArray(), r => (string?)r!["probability"] == "HIGH");
        Assert.Equal(2, (int)response["usageMetadata"]!["promptTokenCount"]!);

        var (_, raw) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("bad words"));
        JsonNode chunk = Assert.Single(TestHttp.ParseSse(raw));
        Assert.Equal("SAFETY", (string?)chunk["promptFeedback"]!["blockReason"]);
    }

    [Fact]
    public async Task SafetyStopEndsWithSafetyAndNoText()
    {
        string model = TestHttp.Unique("safety-stop");
        JsonNode response = await TestHttp.GenerateAsync(Client, model, TestHttp.Prompt("a b c d"));
        JsonNode candidate = response["candidates"]![0]!;
        Assert.Equal("SAFETY", (string?)candidate["finishReason"]);
        Assert.Null(candidate["content"]);
        JsonNode high = candidate["safetyRatings"]!.AsArray().Single(r => (string?)r!["probability"] == "HIGH")!;
        Assert.True((bool)high["blocked"]!);

        var (_, raw) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("a b c d"));
        List<JsonNode> chunks = TestHttp.ParseSse(raw);
        Assert.Equal(3, chunks.Count);
        Assert.Equal("Echo: a ", TestHttp.StreamedText(chunks.Take(2)));
        Assert.Equal("SAFETY", (string?)chunks[^1]["candidates"]![0]!["finishReason"]);
        Assert.Null(chunks[^1]["candidates"]![0]!["content"]);
    }

    [Fact]
    public async Task RecitationEndsWithCitationMetadata()
    {
        JsonNode response = await TestHttp.GenerateAsync(Client, TestHttp.Unique("recitation"), TestHttp.Prompt("quote it"));
        JsonNode candidate = response["candidates"]![0]!;
        Assert.Equal("RECITATION", (string?)candidate["finishReason"]);
        Assert.NotNull(candidate["citationMetadata"]!["citationSources"]![0]!["uri"]);
        Assert.Null(candidate["content"]);
    }

    [Fact]
    public async Task GatedStreamIsReleasedByTheControlEndpoint()
    {
        string model = TestHttp.Unique("gated");
        Task<(HttpResponseMessage Response, string Raw)> pending = TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("x y"));
        var (_, held) = await WaitForGateAsync(model, pending);
        Assert.Equal(1, (int)held!["waiting"]!);
        Assert.False(pending.IsCompleted, "the reply is held at the gate");

        HttpResponseMessage release = await Client.PostAsync($"emulator/gates/{model}/release", null);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        var (_, raw) = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Echo: x y", TestHttp.StreamedText(TestHttp.ParseSse(raw)));
    }

    /// <summary>Polls the control endpoint until a request is held at the gate (or the request ends, which fails the test).</summary>
    private async Task<(HttpResponseMessage, JsonNode?)> WaitForGateAsync(string model, Task pending)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (response, body) = await TestHttp.GetAsync(Client, $"emulator/gates/{model}");
            if ((int)body!["waiting"]! > 0 || pending.IsCompleted || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return (response, body);
            }

            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task GatedHoldTimesOut()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, GateTimeout = TimeSpan.FromMilliseconds(400) });
        using HttpClient client = TestHttp.CreateClient(host);
        var stopwatch = Stopwatch.StartNew();
        JsonNode response = await TestHttp.GenerateAsync(client, "gated-timeout", TestHttp.Prompt("hi"));
        Assert.Equal("Echo: hi", TestHttp.Text(response));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SlowAndDelayModelsTakeTheirTime()
    {
        var stopwatch = Stopwatch.StartNew();
        var (_, raw) = await TestHttp.StreamRawAsync(Client, TestHttp.Unique("slow-80ms"), TestHttp.Prompt("a b"));
        Assert.Equal(3, TestHttp.ParseSse(raw).Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(150), $"slow took {stopwatch.Elapsed}");

        stopwatch.Restart();
        await TestHttp.GenerateAsync(Client, TestHttp.Unique("delay-250ms"), TestHttp.Prompt("a"));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(240), $"delay took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Fault429ThenOkCarriesRetryInfoAndRetryAfter()
    {
        string model = TestHttp.Unique("fault-429-then-ok");
        var (first, error) = await TestHttp.PostAsync(Client, $"v1beta/models/{model}:generateContent", TestHttp.Prompt("x"));
        Assert.Equal((HttpStatusCode)429, first.StatusCode);
        Assert.Equal("1", first.Headers.RetryAfter?.ToString());
        Assert.Equal("RESOURCE_EXHAUSTED", TestHttp.ErrorStatus(error));
        JsonArray details = error!["error"]!["details"]!.AsArray();
        Assert.Contains(details, d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.QuotaFailure");
        Assert.Contains(details, d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.RetryInfo" && (string?)d["retryDelay"] == "1s");

        var (second, _) = await TestHttp.PostAsync(Client, $"v1beta/models/{model}:generateContent", TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        HttpResponseMessage reset = await Client.PostAsync($"emulator/reset?model={model}", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var (afterReset, _) = await TestHttp.PostAsync(Client, $"v1beta/models/{model}:generateContent", TestHttp.Prompt("x"));
        Assert.Equal((HttpStatusCode)429, afterReset.StatusCode);
    }

    [Fact]
    public async Task Fault503TwiceThenSuccessAcrossGenerateAndStream()
    {
        string model = TestHttp.Unique("fault-503x2");
        var (first, error) = await TestHttp.PostAsync(Client, $"v1beta/models/{model}:generateContent", TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("UNAVAILABLE", TestHttp.ErrorStatus(error));
        Assert.Equal("The model is overloaded. Please try again later.", (string?)error!["error"]!["message"]);

        var (second, _) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);

        var (third, raw) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("x"));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("Echo: x", TestHttp.StreamedText(TestHttp.ParseSse(raw)));
    }

    [Fact]
    public async Task Fault500AlwaysFails()
    {
        string model = TestHttp.Unique("fault-500");
        for (int i = 0; i < 3; i++)
        {
            var (response, body) = await TestHttp.PostAsync(Client, $"v1beta/models/{model}:countTokens", TestHttp.Prompt("x"));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("INTERNAL", TestHttp.ErrorStatus(body));
        }
    }

    [Fact]
    public async Task FaultMidstreamSendsNChunksThenABareErrorObject()
    {
        var (response, raw) = await TestHttp.StreamRawAsync(Client, TestHttp.Unique("fault-midstream-2"), TestHttp.Prompt("hi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        int errorStart = raw.IndexOf("{\n  \"error\"", StringComparison.Ordinal);
        Assert.True(errorStart > 0, raw);
        List<JsonNode> chunks = TestHttp.ParseSse(raw[..errorStart]);
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.Null(c["candidates"]![0]!["finishReason"]));
        JsonNode error = JsonNode.Parse(raw[errorStart..])!;
        Assert.Equal(503, (int)error["error"]!["code"]!);
        Assert.Equal("UNAVAILABLE", TestHttp.ErrorStatus(error));
        Assert.DoesNotContain("data: {\"error\"", raw);
    }

    [Fact]
    public async Task FaultResetDropsTheConnection()
    {
        string model = TestHttp.Unique("fault-reset");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.PostAsync($"v1beta/models/{model}:generateContent", TestHttp.Json(TestHttp.Prompt("x"))));
        Assert.Contains(_emulator.Host.Requests, r => r.Path.Contains(model, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FaultResetAfterNDropsTheConnectionMidStream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{TestHttp.Unique("fault-reset-after-2")}:streamGenerateContent?alt=sse")
        {
            Content = TestHttp.Json(TestHttp.Prompt("hi")),
        };
        using HttpResponseMessage response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        Exception? failure = await Record.ExceptionAsync(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        });

        Assert.NotNull(failure);
        Assert.Equal(2, lines.Count(l => l.StartsWith("data: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FaultHangNeverAnswersUntilTheClientGivesUp()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client.PostAsync($"v1beta/models/{TestHttp.Unique("fault-hang")}:generateContent", TestHttp.Json(TestHttp.Prompt("x")), cancel.Token));

        JsonNode ok = await TestHttp.GenerateAsync(Client, "gemini-2.0-flash", TestHttp.Prompt("still alive"));
        Assert.Equal("Echo: still alive", TestHttp.Text(ok));
    }

    [Fact]
    public async Task FaultMalformedSendsBrokenJson()
    {
        string model = TestHttp.Unique("fault-malformed");
        HttpResponseMessage response = await Client.PostAsync($"v1beta/models/{model}:generateContent", TestHttp.Json(TestHttp.Prompt("x")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(body));

        var (_, raw) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("x y"));
        string[] events = raw.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, events.Length);
        Assert.NotNull(JsonNode.Parse(events[0]["data: ".Length..]));
        Assert.StartsWith("data: ", events[1]);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(events[1]["data: ".Length..]));
    }

    [Fact]
    public async Task FaultOversizedRepliesWithAboutTenMegabytes()
    {
        string model = TestHttp.Unique("fault-oversized");
        JsonNode response = await TestHttp.GenerateAsync(Client, model, TestHttp.Prompt("x"));
        Assert.InRange(TestHttp.Text(response).Length, 10_000_000, 11_000_000);

        var (_, raw) = await TestHttp.StreamRawAsync(Client, model, TestHttp.Prompt("x"));
        JsonNode chunk = Assert.Single(TestHttp.ParseSse(raw));
        Assert.InRange(TestHttp.Text(chunk).Length, 10_000_000, 11_000_000);
    }

    [Fact]
    public async Task ScenarioModelsAlsoCountTokens()
    {
        var (response, body) = await TestHttp.PostAsync(Client, $"v1beta/models/{TestHttp.Unique("blocked")}:countTokens", TestHttp.Prompt("one two"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int)body!["totalTokens"]!);
    }
}
