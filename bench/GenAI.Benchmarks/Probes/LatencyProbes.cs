using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// Time from the emulator starting to write a chunk to the client having it, on a paced stream
/// (<c>slow-Nms</c>, so chunks are not batched). Each run uses its own model id so its server timings can
/// be looked up; the first run is a warm-up.
/// </summary>
public static class LatencyProbes
{
    /// <summary>The baseline: a plain HttpClient (one for all runs) reading SSE lines with a StreamReader.</summary>
    public static Task<JsonObject> RawAsync(ProbeArgs args)
    {
        var http = RawSse.KeyedClient(args);
        return MeasureAsync(args, "raw-httpclient", async (model, prompt, timestamps) =>
        {
            using var request = RawSse.Request(args, model, prompt);
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), Encoding.UTF8);
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    timestamps.Add(Stopwatch.GetTimestamp());
                }
            }
        });
    }

    /// <summary>The core's ModelsClient.StreamGenerateContentAsync.</summary>
    public static Task<JsonObject> CoreAsync(ProbeArgs args)
    {
        GenAIClient client = ClientFactory.Create(args);
        return MeasureAsync(args, "core", async (model, prompt, timestamps) =>
        {
            await foreach (GenerateContentResponse _ in client.Models.StreamGenerateContentAsync(new GenerativeModel(model), new List<Content> { Content.FromText(prompt) }).ConfigureAwait(false))
            {
                timestamps.Add(Stopwatch.GetTimestamp());
            }
        });
    }

    private static async Task<JsonObject> MeasureAsync(ProbeArgs args, string name, Func<string, string, List<long>, Task> stream)
    {
        string prefix = args.Get("model", "slow-20ms");
        string prompt = args.Get("prompt", "a b c d e");
        int runs = args.GetInt("runs", 20);
        string tag = Stats.Tag();
        using var control = RawSse.KeyedClient(args);   // the control endpoints need the emulator's key
        var latencies = new List<double[]>();
        for (int run = -1; run < runs; run++)
        {
            string model = $"{prefix}-{tag}{run + 1}";
            var timestamps = new List<long>();
            await stream(model, prompt, timestamps).ConfigureAwait(false);
            long[] server = await EmulatorTimings.ChunkTimestampsAsync(control, args.BaseUri, model).ConfigureAwait(false);
            if (run >= 0)
            {
                latencies.Add(EmulatorTimings.Latencies(server, timestamps));
            }
        }

        return EmulatorTimings.Summarise(name, latencies);
    }
}
