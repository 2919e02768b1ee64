using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GenAI.Emulator.Cassettes;

namespace GenAI.Emulator.Tests.Cassettes;

/// <summary>
/// Record once, replay offline: one emulator stands in for the real service, a second one records through it,
/// a third replays the folder with the "service" gone. What a client sees must be the same both times.
/// </summary>
public sealed class CassetteRoundTripTests : IAsyncLifetime
{
    internal const string UpstreamKey = "AIzaSy-upstream-secret-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "genai-cassettes-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReplayingOfflineGivesTheRecordedRepliesChunksAndErrors()
    {
        List<string> recorded;
        await using (EmulatorHost upstream = await StartUpstreamAsync())
        await using (EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream))
        {
            recorded = await RunScenarioAsync(recorder);
            Assert.Contains(upstream.Requests, r => r.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal));
        }

        // The upstream is gone: everything below comes from the folder.
        await using EmulatorHost player = await StartAsync(CassetteMode.Replay, upstream: null);
        List<string> replayed = await RunScenarioAsync(player);

        Assert.Equal(recorded, replayed);
        Assert.Contains(recorded, line => line.StartsWith("stream 200 chunks=5 ", StringComparison.Ordinal));
        Assert.Contains(recorded, line => line.StartsWith("error 400 ", StringComparison.Ordinal) && line.Contains("temperature", StringComparison.Ordinal));
        Assert.Contains(recorded, line => line.StartsWith("turn3 200 ", StringComparison.Ordinal) && line.Contains("Echo: and a third", StringComparison.Ordinal));
        Assert.Contains(recorded, line => line.StartsWith("poll ", StringComparison.Ordinal) && line.Contains("PROCESSING", StringComparison.Ordinal));
        Assert.Contains(recorded, line => line.StartsWith("midstream-error 200 data: ", StringComparison.Ordinal) && line.EndsWith("\"UNAVAILABLE\"\n  }\n}\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCassetteHoldsTheUpstreamKey()
    {
        await using (EmulatorHost upstream = await StartUpstreamAsync())
        await using (EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream))
        {
            await RunScenarioAsync(recorder);
            using HttpClient queryKey = new() { BaseAddress = recorder.BaseUri };
            var (viaQuery, _) = await TestHttp.PostAsync(queryKey, "v1beta/models/gemini-2.0-flash:countTokens?key=" + TestHttp.Key,
                TestHttp.Prompt("my key is " + UpstreamKey));
            Assert.Equal(HttpStatusCode.OK, viaQuery.StatusCode);
        }

        string[] files = Directory.GetFiles(_folder);
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(UpstreamKey, text);
            Assert.DoesNotContain("x-goog-api-key", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("key=", text);
        }

        Assert.Contains(files, f => File.ReadAllText(f).Contains("my key is " + CassetteLibrary.Redacted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnmatchedRequestNamesTheClosestCassetteAndWhatDiffers()
    {
        await using (EmulatorHost upstream = await StartUpstreamAsync())
        await using (EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream))
        {
            await RunScenarioAsync(recorder);
        }

        await using EmulatorHost player = await StartAsync(CassetteMode.Replay, upstream: null);
        using HttpClient client = TestHttp.CreateClient(player);
        var (response, body) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt("Hello, recorded world?"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("FAILED_PRECONDITION", TestHttp.ErrorStatus(body));
        string message = (string)body!["error"]!["message"]!;
        string unary = Path.GetFileName(Directory.GetFiles(_folder, "post-models.gemini-2.0-flash.generateContent-*.json")
            .Single(f => File.ReadAllText(f).Contains("\"Hello, recorded world!\"", StringComparison.Ordinal)));
        Assert.Contains($"matches POST /v1beta/models/gemini-2.0-flash:generateContent.", message);
        Assert.Contains($"The closest cassette is '{unary}'", message);
        Assert.Contains("body.json.contents[0].parts[0].text is \"Hello, recorded world?\" here, \"Hello, recorded world!\" in the cassette", message);
        Assert.Contains("-RecordMissing", message);
    }

    [Fact]
    public async Task TheSameRequestsGetTheSameFileNamesRunAfterRun()
    {
        string other = _folder + "-again";
        try
        {
            await using (EmulatorHost upstream = await StartUpstreamAsync())
            {
                await using (EmulatorHost first = await StartAsync(CassetteMode.Record, upstream))
                {
                    await RunGenerationAsync(TestHttp.CreateClient(first));
                }

                await using EmulatorHost second = await EmulatorHost.StartAsync(RecordOptions(CassetteMode.Record, upstream, other));
                await RunGenerationAsync(TestHttp.CreateClient(second));
            }

            string[] Names(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
            Assert.Equal(Names(_folder), Names(other));
            Assert.Equal(7, Names(_folder).Length);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task RecordMissingReplaysWhatExistsAndRecordsWhatIsNew()
    {
        await using EmulatorHost upstream = await StartUpstreamAsync();
        await using (EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream))
        {
            await TestHttp.GenerateAsync(TestHttp.CreateClient(recorder), "gemini-2.0-flash", TestHttp.Prompt("already recorded"));
        }

        upstream.ClearRequests();
        await using EmulatorHost both = await StartAsync(CassetteMode.RecordMissing, upstream);
        using HttpClient client = TestHttp.CreateClient(both);
        await TestHttp.GenerateAsync(client, "gemini-2.0-flash", TestHttp.Prompt("already recorded"));
        Assert.Empty(upstream.Requests);

        JsonNode fresh = await TestHttp.GenerateAsync(client, "gemini-2.0-flash", TestHttp.Prompt("something new"));
        Assert.Equal("Echo: something new", TestHttp.Text(fresh));
        Assert.Single(upstream.Requests);
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task RecordingPassesStreamChunksOnAsTheyArrive()
    {
        await using EmulatorHost upstream = await StartUpstreamAsync();
        await using EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream);
        using HttpClient client = TestHttp.CreateClient(recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/gated-pass:streamGenerateContent?alt=sse")
        {
            Content = TestHttp.Json(TestHttp.Prompt("one two three")),
        };
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The gated model holds its last chunk: the first ones must reach the client through the recorder before release.
        string? first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("data: ", first);
        Assert.Empty(Directory.GetFiles(_folder));
        upstream.ReleaseGate("gated-pass");

        int received = TestHttp.ParseSse(first + "\r\n" + await reader.ReadToEndAsync()).Count;
        string cassette = await File.ReadAllTextAsync(Directory.GetFiles(_folder).Single());
        Assert.Equal(received, JsonNode.Parse(cassette)!["response"]!["events"]!.AsArray().Count);
        Assert.True(received > 2, $"{received} events");
    }

    [Fact]
    public async Task ReplaySpacesStreamChunksByTheChunkDelay()
    {
        await using (EmulatorHost upstream = await StartUpstreamAsync())
        await using (EmulatorHost recorder = await StartAsync(CassetteMode.Record, upstream))
        {
            await TestHttp.StreamRawAsync(TestHttp.CreateClient(recorder), "gemini-2.0-flash", TestHttp.Prompt("one two three"));
        }

        EmulatorOptions options = RecordOptions(CassetteMode.Replay, upstream: null, _folder);
        options.ChunkDelay = TimeSpan.FromMilliseconds(150);
        await using EmulatorHost player = await EmulatorHost.StartAsync(options);
        using HttpClient client = TestHttp.CreateClient(player);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")
        {
            Content = TestHttp.Json(TestHttp.Prompt("one two three")),
        };
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var arrivals = new List<DateTime>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                arrivals.Add(DateTime.UtcNow);
            }
        }

        Assert.Equal(4, arrivals.Count);
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromMilliseconds(3 * 140), $"{(arrivals[^1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ReplayFailsToStartOnAMissingFolderOrAnUnreadableCassette()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => StartAsync(CassetteMode.Replay, upstream: null));
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.json"), "{ not json");
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => StartAsync(CassetteMode.Replay, upstream: null));
        Assert.Contains("broken.json", error.Message);
    }

    [Fact]
    public async Task RecordingRefusesPlainHttpToAnotherMachine()
    {
        var options = new EmulatorOptions { Cassettes = CassetteMode.Record, CassettePath = _folder, Upstream = new Uri("http://example.com/"), UpstreamApiKey = UpstreamKey };
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(options));
        Assert.Contains("https", error.Message);
    }

    internal static Task<EmulatorHost> StartUpstreamAsync() => EmulatorHost.StartAsync(new EmulatorOptions
    {
        ApiKey = UpstreamKey,
        EnableGrpc = false,
        FileProcessingDelay = TimeSpan.FromMilliseconds(250),
    });

    private Task<EmulatorHost> StartAsync(CassetteMode mode, EmulatorHost? upstream) =>
        EmulatorHost.StartAsync(RecordOptions(mode, upstream, _folder));

    private static EmulatorOptions RecordOptions(CassetteMode mode, EmulatorHost? upstream, string folder) => new()
    {
        ApiKey = TestHttp.Key,
        Cassettes = mode,
        CassettePath = folder,
        Upstream = upstream?.BaseUri ?? new Uri("https://generativelanguage.googleapis.com/"),
        UpstreamApiKey = upstream is null ? null : UpstreamKey,
    };

    /// <summary>Unary, streamed, a three-turn chat, an error, an upload with polling; one line per observation.</summary>
    private static async Task<List<string>> RunScenarioAsync(EmulatorHost emulator)
    {
        using HttpClient client = TestHttp.CreateClient(emulator);
        List<string> seen = await RunGenerationAsync(client);
        seen.AddRange(await RunUploadAsync(client, emulator));
        return seen;
    }

    private static async Task<List<string>> RunGenerationAsync(HttpClient client)
    {
        var seen = new List<string>();
        var (unary, unaryBody) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", TestHttp.Prompt("Hello, recorded world!"));
        seen.Add($"unary {(int)unary.StatusCode} {unaryBody!.ToJsonString()}");

        var (stream, raw) = await TestHttp.StreamRawAsync(client, "gemini-2.0-flash", TestHttp.Prompt("one two three four"));
        List<JsonNode> chunks = TestHttp.ParseSse(raw);
        seen.Add($"stream {(int)stream.StatusCode} chunks={chunks.Count} {string.Join(" | ", chunks.Select(c => c.ToJsonString()))}");

        var history = new JsonArray();
        foreach (var (turn, text) in new[] { (1, "first question"), (2, "a second one"), (3, "and a third") })
        {
            history.Add(JsonNode.Parse($"{{\"role\":\"user\",\"parts\":[{{\"text\":\"{text}\"}}]}}"));
            var (reply, body) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", new JsonObject { ["contents"] = history.DeepClone() }.ToJsonString());
            seen.Add($"turn{turn} {(int)reply.StatusCode} {body!.ToJsonString()}");
            history.Add(body["candidates"]![0]!["content"]!.DeepClone());
        }

        var (error, errorBody) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent",
            TestHttp.Prompt("too hot", ",\"generationConfig\":{\"temperature\":5}"));
        seen.Add($"error {(int)error.StatusCode} {errorBody!.ToJsonString()}");

        var (broken, brokenRaw) = await TestHttp.StreamRawAsync(client, "fault-midstream-2", TestHttp.Prompt("breaks after two chunks"));
        seen.Add($"midstream-error {(int)broken.StatusCode} {brokenRaw}");
        return seen;
    }

    private static async Task<List<string>> RunUploadAsync(HttpClient client, EmulatorHost emulator)
    {
        var seen = new List<string>();
        byte[] content = Encoding.UTF8.GetBytes("Minutes of the meeting: nothing was decided.");
        using var start = new HttpRequestMessage(HttpMethod.Post, "upload/v1beta/files") { Content = TestHttp.Json("{\"file\":{\"display_name\":\"minutes\"}}") };
        start.Headers.Add("X-Goog-Upload-Protocol", "resumable");
        start.Headers.Add("X-Goog-Upload-Command", "start");
        start.Headers.Add("X-Goog-Upload-Header-Content-Length", content.Length.ToString());
        start.Headers.Add("X-Goog-Upload-Header-Content-Type", "text/plain");
        HttpResponseMessage started = await client.SendAsync(start);
        string uploadUrl = started.Headers.GetValues("X-Goog-Upload-URL").Single();
        Assert.StartsWith(emulator.BaseUri + "upload/v1beta/files?upload_id=", uploadUrl);
        seen.Add($"upload-start {(int)started.StatusCode} {started.Headers.GetValues("X-Goog-Upload-Status").Single()}");

        using var keyless = new HttpClient();
        using var bytes = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(content) };
        bytes.Headers.Add("X-Goog-Upload-Offset", "0");
        bytes.Headers.Add("X-Goog-Upload-Command", "upload, finalize");
        HttpResponseMessage finished = await keyless.SendAsync(bytes);
        string finishedText = await finished.Content.ReadAsStringAsync();
        Assert.True(finished.IsSuccessStatusCode, finishedText);
        JsonNode file = JsonNode.Parse(finishedText)!["file"]!;
        seen.Add($"upload {(int)finished.StatusCode} {file.ToJsonString()}");

        for (int poll = 0; poll < 50; poll++)
        {
            var (got, body) = await TestHttp.GetAsync(client, "v1beta/" + (string)file["name"]!);
            seen.Add($"poll {(int)got.StatusCode} {body!.ToJsonString()}");
            if ((string?)body["state"] == "ACTIVE")
            {
                break;
            }

            await Task.Delay(100);
        }

        foreach (string path in new[] { "v1beta/models/gemini-2.0-flash", "v1beta/files" })
        {
            var (listed, listedBody) = await TestHttp.GetAsync(client, path);
            seen.Add($"get {path} {(int)listed.StatusCode} {listedBody!.ToJsonString()}");
        }

        var (tokens, tokensBody) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:countTokens", TestHttp.Prompt("count these tokens"));
        seen.Add($"countTokens {(int)tokens.StatusCode} {tokensBody!.ToJsonString()}");

        var (cache, cacheBody) = await TestHttp.PostAsync(client, "v1beta/cachedContents",
            "{\"model\":\"models/gemini-2.0-flash\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a long shared context\"}]}],\"ttl\":\"300s\"}");
        seen.Add($"cache {(int)cache.StatusCode} {cacheBody!.ToJsonString()}");
        var (cached, cachedBody) = await TestHttp.GetAsync(client, "v1beta/" + (string)cacheBody["name"]!);
        seen.Add($"cache-get {(int)cached.StatusCode} {cachedBody!.ToJsonString()}");

        string prompt = $"{{\"contents\":[{{\"role\":\"user\",\"parts\":[{{\"text\":\"Summarise\"}},{{\"fileData\":{{\"mimeType\":\"text/plain\",\"fileUri\":\"{file["uri"]}\"}}}}]}}]}}";
        var (used, usedBody) = await TestHttp.PostAsync(client, "v1beta/models/gemini-2.0-flash:generateContent", prompt);
        seen.Add($"use-file {(int)used.StatusCode} {usedBody!.ToJsonString()}");

        HttpResponseMessage deleted = await client.DeleteAsync("v1beta/" + (string)file["name"]!);
        seen.Add($"delete-file {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        return seen;
    }
}
