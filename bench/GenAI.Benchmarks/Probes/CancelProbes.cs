using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Benchmarks.Probes;

/// <summary>
/// How long a cancelled stream takes to give control back: a paced stream (<c>slow-5000ms</c>, so the next chunk is
/// seconds away) is read to its first chunk, the next read is started, then the token is cancelled; the figure is the
/// time from <c>Cancel()</c> to that read ending. The first run is a warm-up. This is the speed behind Ctrl+C and
/// Stop-Job on a stream; the tests check the behaviour (the read ends cancelled, without the server's next chunk).
/// </summary>
public static class CancelProbes
{
    private const string Prompt = "alpha beta gamma";

    /// <summary>The baseline: a plain HttpClient reading SSE lines with a StreamReader, cancelled the same way.</summary>
    public static Task<JsonObject> RawAsync(ProbeArgs args)
    {
        var http = RawSse.KeyedClient(args);
        return MeasureAsync(args, "raw-httpclient", async (model, cancel) =>
        {
            using var request = RawSse.Request(args, model, Prompt);
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token).ConfigureAwait(false), Encoding.UTF8);
            if (await NextEventAsync(reader, cancel.Token).ConfigureAwait(false) == null) throw new InvalidOperationException("The stream ended before its first chunk.");
            var next = NextEventAsync(reader, cancel.Token);
            return await CancelAsync(cancel, next).ConfigureAwait(false);
        });
    }

    private static async Task<string?> NextEventAsync(StreamReader reader, CancellationToken cancellation)
    {
        string? line;
        while ((line = await reader.ReadLineAsync(cancellation).ConfigureAwait(false)) != null && !line.StartsWith("data:", StringComparison.Ordinal))
        {
        }

        return line;
    }

    /// <summary>The core's ModelsClient.StreamGenerateContentAsync.</summary>
    public static Task<JsonObject> CoreAsync(ProbeArgs args)
    {
        GenAIClient client = ClientFactory.Create(args);
        return MeasureAsync(args, "core", async (model, cancel) =>
        {
            var contents = new List<Content> { Content.FromText(Prompt) };
            await using var stream = client.Models.StreamGenerateContentAsync(new GenerativeModel(model), contents, cancellationToken: cancel.Token)
                .GetAsyncEnumerator(cancel.Token);
            if (!await stream.MoveNextAsync().ConfigureAwait(false)) throw new InvalidOperationException("The stream ended before its first chunk.");
            var next = stream.MoveNextAsync().AsTask();
            return await CancelAsync(cancel, next).ConfigureAwait(false);
        });
    }

    // Cancels and times until the pending read ends; a read that ends with data instead of cancelled is an error.
    private static async Task<double> CancelAsync(CancellationTokenSource cancel, Task next)
    {
        long start = Stopwatch.GetTimestamp();
        cancel.Cancel();
        try
        {
            await next.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Stats.Milliseconds(start, Stopwatch.GetTimestamp());
        }

        throw new InvalidOperationException("The read was not cancelled: it ended with the server's next chunk.");
    }

    private static async Task<JsonObject> MeasureAsync(ProbeArgs args, string name, Func<string, CancellationTokenSource, Task<double>> cancelOne)
    {
        string prefix = args.Get("model", "slow-5000ms");
        int runs = args.GetInt("runs", 20);
        string tag = Stats.Tag();
        var milliseconds = new List<double>();
        for (int run = -1; run < runs; run++)
        {
            using var cancel = new CancellationTokenSource();
            double ms = await cancelOne($"{prefix}-{tag}{run + 1}", cancel).ConfigureAwait(false);
            if (run >= 0) milliseconds.Add(ms);
        }

        return new JsonObject
        {
            ["name"] = name,
            ["runs"] = runs,
            ["medianMs"] = Stats.Median(milliseconds),
            ["maxMs"] = milliseconds.Max(),
            ["milliseconds"] = new JsonArray(milliseconds.Select(v => (JsonNode)JsonValue.Create(Math.Round(v, 3))).ToArray()),
        };
    }
}
