using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class StreamingTests
{
    private readonly EmulatorFixture _emulator;

    public StreamingTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task SseUsesDataLinesCrLfCrLfAndNoDone()
    {
        var (response, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "gemini-2.0-flash", TestHttp.Prompt("alpha beta gamma"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Echo: \"}],\"role\": \"model\"}", raw);
        Assert.EndsWith("}\r\n\r\n", raw);
        Assert.DoesNotContain("[DONE]", raw);
        Assert.DoesNotContain("\n\n", raw.Replace("\r\n\r\n", string.Empty));

        List<JsonNode> chunks = TestHttp.ParseSse(raw);
        Assert.Equal(new[] { "Echo: ", "alpha ", "beta ", "gamma" },
            chunks.Select(c => (string?)c["candidates"]![0]!["content"]!["parts"]![0]!["text"]));
    }

    [Fact]
    public async Task FinishReasonOnlyOnTheLastChunkAndUsageOnEveryChunk()
    {
        var (_, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "gemini-2.5-flash", TestHttp.Prompt("one two three"));
        List<JsonNode> chunks = TestHttp.ParseSse(raw);

        Assert.All(chunks.SkipLast(1), c => Assert.Null(c["candidates"]![0]!["finishReason"]));
        Assert.Equal("STOP", (string?)chunks[^1]["candidates"]![0]!["finishReason"]);
        Assert.All(chunks, c => Assert.Equal(3, (int)c["usageMetadata"]!["promptTokenCount"]!));
        int[] running = chunks.Select(c => (int)c["usageMetadata"]!["candidatesTokenCount"]!).ToArray();
        Assert.Equal(running.OrderBy(n => n), running);

        JsonNode unary = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.5-flash", TestHttp.Prompt("one two three"));
        Assert.Equal(TestHttp.Text(unary), TestHttp.StreamedText(chunks));
        Assert.Equal((int)unary["usageMetadata"]!["totalTokenCount"]!, (int)chunks[^1]["usageMetadata"]!["totalTokenCount"]!);
        Assert.Single(chunks.Select(c => (string?)c["responseId"]).Distinct());
    }

    [Fact]
    public async Task WithoutAltSseTheStreamIsAJsonArray()
    {
        HttpResponseMessage response = await _emulator.Client.PostAsync(
            "v1beta/models/gemini-2.0-flash:streamGenerateContent", TestHttp.Json(TestHttp.Prompt("a b")));
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json; charset=UTF-8", TestHttp.ContentType(response));
        Assert.StartsWith("[{\n  \"candidates\"", raw);
        Assert.EndsWith("}\n]", raw);
        Assert.Equal(2, raw.Split("\n,\r\n").Length - 1);
        JsonArray array = JsonNode.Parse(raw)!.AsArray();
        Assert.Equal("Echo: a b", TestHttp.StreamedText(array.Select(n => n!)));
    }

    [Fact]
    public async Task StreamNScenarioSendsExactlyNChunks()
    {
        var stopwatch = Stopwatch.StartNew();
        var (response, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "stream-10000-" + Guid.NewGuid().ToString("N")[..6], TestHttp.Prompt("go"));
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        List<JsonNode> chunks = TestHttp.ParseSse(raw);
        Assert.Equal(10000, chunks.Count);
        Assert.Equal("w0 ", (string?)chunks[0]["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("w9999", (string?)chunks[^1]["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
        Assert.Equal("STOP", (string?)chunks[^1]["candidates"]![0]!["finishReason"]);
        Assert.Equal(10000, (int)chunks[^1]["usageMetadata"]!["candidatesTokenCount"]!);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"10 000 chunks took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ChunksArriveBeforeTheStreamEnds()
    {
        string model = TestHttp.Unique("gated");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{model}:streamGenerateContent?alt=sse")
        {
            Content = TestHttp.Json(TestHttp.Prompt("first second third")),
        };
        using HttpResponseMessage response = await _emulator.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);

        var early = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            early.Add((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        }

        Assert.Equal(3, early.Count(line => line.StartsWith("data: ", StringComparison.Ordinal)));
        Task<string?> last = reader.ReadLineAsync();
        await _emulator.Host.Engine.Gates.WhenWaitingAsync(model, 1).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(last.IsCompleted, "the gated model must hold its last chunk");

        _emulator.Host.ReleaseGate(model);
        string? final = await last.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("\"finishReason\": \"STOP\"", final);
        Assert.Equal("\r\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task ChunkDelayOptionPacesTheStream()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { ApiKey = TestHttp.Key, ChunkDelay = TimeSpan.FromMilliseconds(60) });
        using HttpClient client = TestHttp.CreateClient(host);
        var stopwatch = Stopwatch.StartNew();
        var (_, raw) = await TestHttp.StreamRawAsync(client, "gemini-2.0-flash", TestHttp.Prompt("a b c d"));
        stopwatch.Stop();

        Assert.Equal(5, TestHttp.ParseSse(raw).Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(230), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task StreamValidationErrorsArePlainJsonBeforeAnyChunk()
    {
        var (response, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "gemini-2.0-flash", "{\"contents\": []}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\n  \"error\": {", raw);
    }
}
