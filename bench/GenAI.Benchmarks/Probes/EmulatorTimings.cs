using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// Reads the emulator's record of when it started writing each chunk of a stream (GET
/// /emulator/stream-timings, Stopwatch ticks on the machine's monotonic clock) and turns a client's own
/// receive timestamps into latencies.
/// </summary>
public static class EmulatorTimings
{
    public static async Task<long[]> ChunkTimestampsAsync(HttpClient http, Uri baseUri, string model)
    {
        string json = await http.GetStringAsync(new Uri(baseUri, $"emulator/stream-timings?model={Uri.EscapeDataString(model)}")).ConfigureAwait(false);
        JsonNode root = JsonNode.Parse(json)!;
        if ((long)root["frequency"]! != System.Diagnostics.Stopwatch.Frequency)
        {
            throw new InvalidOperationException("The emulator's clock frequency differs from this process's; latencies cannot be compared.");
        }

        JsonArray streams = root["streams"]!.AsArray();
        if (streams.Count != 1)
        {
            throw new InvalidOperationException($"Expected one timed stream for {model}, found {streams.Count}.");
        }

        return streams[0]!["chunkTimestamps"]!.AsArray().Select(t => (long)t!).ToArray();
    }

    /// <summary>Per chunk: client receive time minus server write time, in milliseconds.</summary>
    public static double[] Latencies(IReadOnlyList<long> server, IReadOnlyList<long> client)
    {
        if (server.Count != client.Count)
        {
            throw new InvalidOperationException($"The server wrote {server.Count} chunks but the client saw {client.Count}.");
        }

        return server.Select((s, i) => Stats.Milliseconds(s, client[i])).ToArray();
    }

    public static JsonObject Summarise(string probe, List<double[]> runs)
    {
        double[] first = runs.Select(r => r[0]).ToArray();
        return new JsonObject
        {
            ["probe"] = probe,
            ["runs"] = runs.Count,
            ["chunksPerRun"] = runs.Count == 0 ? 0 : runs[0].Length,
            ["firstChunkMs"] = new JsonArray(first.Select(v => (JsonNode)Math.Round(v, 3)).ToArray()),
            ["medianFirstChunkMs"] = Stats.Median(first),
            ["medianAllChunksMs"] = Stats.Median(runs.SelectMany(r => r)),
        };
    }
}
