using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// <c>probe NAME --base URI [--key K] [--model M] [--runs N] ...</c>: one measurement against a running
/// emulator; prints a single JSON object on stdout (bench/Invoke-Benchmark.ps1 reads it).
/// </summary>
public static class ProbeRunner
{
    private static readonly Dictionary<string, Func<ProbeArgs, Task<JsonObject>>> s_probes = new()
    {
        ["stream-core"] = StreamProbes.CoreAsync,
        ["stream-drain"] = StreamProbes.DrainAsync,
        ["stream-httpclient"] = StreamProbes.HttpClientAsync,
        ["latency-raw"] = LatencyProbes.RawAsync,
        ["latency-core"] = LatencyProbes.CoreAsync,
        ["cancel-raw"] = CancelProbes.RawAsync,
        ["cancel-core"] = CancelProbes.CoreAsync,
    };

    public static IEnumerable<string> Names => s_probes.Keys;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !s_probes.TryGetValue(args[0], out var probe))
        {
            Console.Error.WriteLine("probes: " + string.Join(", ", Names));
            return 2;
        }

        JsonObject result = await probe(new ProbeArgs(args.Skip(1).ToArray())).ConfigureAwait(false);
        result["loadAverage"] = LoadAverage();
        Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return 0;
    }

    public static string? LoadAverage()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (System.IO.IOException)
        {
            return null;
        }
    }
}
