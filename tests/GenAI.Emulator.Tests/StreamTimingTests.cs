using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class StreamTimingTests
{
    private readonly EmulatorFixture _emulator;

    public StreamTimingTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task EachStreamedChunkGetsAMonotonicWriteTimestampOnTheMachineClock()
    {
        string model = TestHttp.Unique("slow-5ms");
        long before = Stopwatch.GetTimestamp();
        var (_, raw) = await TestHttp.StreamRawAsync(_emulator.Client, model, TestHttp.Prompt("one two three"));
        long after = Stopwatch.GetTimestamp();
        int events = TestHttp.ParseSse(raw).Count;

        var (response, body) = await TestHttp.GetAsync(_emulator.Client, $"emulator/stream-timings?model={model}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Stopwatch.Frequency, (long)body!["frequency"]!);
        JsonNode stream = Assert.Single(body["streams"]!.AsArray())!;
        Assert.Equal("models/" + model, (string?)stream["model"]);
        Assert.Equal(events, (int)stream["chunks"]!);

        long[] times = stream["chunkTimestamps"]!.AsArray().Select(t => (long)t!).ToArray();
        Assert.Equal(events, times.Length);
        Assert.Equal(times.OrderBy(t => t), times);
        Assert.All(times, t => Assert.InRange(t, before, after));
        Assert.InRange((long)stream["started"]!, before, times[0]);
        Assert.Equal(times[^1], (long)stream["lastChunkTimestamp"]!);
    }

    [Fact]
    public async Task JsonArrayStreamsAreTimedAndTheLogCanBeFilteredAndCleared()
    {
        string model = TestHttp.Unique("stream-3");
        HttpResponseMessage streamed = await _emulator.Client.PostAsync($"v1beta/models/{model}:streamGenerateContent", TestHttp.Json(TestHttp.Prompt("x")));
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        await streamed.Content.ReadAsStringAsync();

        var (_, filtered) = await TestHttp.GetAsync(_emulator.Client, $"emulator/stream-timings?model=models/{model}");
        Assert.Equal(3, (int)Assert.Single(filtered!["streams"]!.AsArray())!["chunks"]!);

        HttpResponseMessage cleared = await _emulator.Client.DeleteAsync("emulator/stream-timings");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var (_, after) = await TestHttp.GetAsync(_emulator.Client, "emulator/stream-timings");
        Assert.DoesNotContain(after!["streams"]!.AsArray(), s => (string?)s!["model"] == "models/" + model);
    }
}
