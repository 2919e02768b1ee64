using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Benchmarks.Probes;

/// <summary>Throughput of a long stream (<c>stream-N</c>): through the core, and the emulator's own send rate.</summary>
public static class StreamProbes
{
    /// <summary>
    /// Chunks/s through <c>ModelsClient.StreamGenerateContentAsync</c> (the path the cmdlet uses), one client,
    /// one warm-up stream, then <c>--runs</c> timed streams; also bytes allocated per chunk in this process.
    /// </summary>
    public static async Task<JsonObject> CoreAsync(ProbeArgs args)
    {
        string modelName = args.Get("model", "stream-10000");
        int expected = ChunkCount(modelName);
        int runs = args.GetInt("runs", 5);
        using GenAIClient client = ClientFactory.Create(args);
        var model = new GenerativeModel(modelName);
        var prompt = new List<Content> { Content.FromText("x") };

        var seconds = new List<double>();
        long allocated = 0;
        for (int run = -1; run < runs; run++)
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            long start = Stopwatch.GetTimestamp();
            int count = 0;
            await foreach (GenerateContentResponse chunk in client.Models.StreamGenerateContentAsync(model, prompt).ConfigureAwait(false))
            {
                count++;
            }

            long end = Stopwatch.GetTimestamp();
            if (count != expected)
            {
                throw new InvalidOperationException($"Expected {expected} chunks, received {count}.");
            }

            if (run >= 0)
            {
                seconds.Add(Stats.Seconds(start, end));
                allocated += GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            }
        }

        return Throughput("core-stream", ClientFactory.TransportName(args), expected, seconds, allocated / (double)(expected * runs));
    }

    /// <summary>
    /// A plain HttpClient reading the stream with a StreamReader line by line (<c>--parse json</c>: each data
    /// line also deserialised with the core's source-generated context): what the core adds over the HTTP stack.
    /// </summary>
    public static async Task<JsonObject> HttpClientAsync(ProbeArgs args)
    {
        string modelName = args.Get("model", "stream-10000");
        int expected = ChunkCount(modelName);
        int runs = args.GetInt("runs", 5);
        bool json = args.Get("parse", "none") == "json";
        using var http = RawSse.KeyedClient(args);
        var seconds = new List<double>();
        for (int run = -1; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            using var request = RawSse.Request(args, modelName, "x");
            using var response = await http.SendAsync(request, System.Net.Http.HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var reader = new System.IO.StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), Encoding.UTF8);
            int count = 0;
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                count++;
                if (json)
                {
                    _ = System.Text.Json.JsonSerializer.Deserialize(line.AsSpan(5), GenAIJsonContext.Default.GenerateContentResponse);
                }
            }

            long end = Stopwatch.GetTimestamp();
            if (count != expected)
            {
                throw new InvalidOperationException($"Expected {expected} chunks, received {count}.");
            }

            if (run >= 0)
            {
                seconds.Add(Stats.Seconds(start, end));
            }
        }

        return Throughput(json ? "httpclient-lines-json" : "httpclient-lines", "rest", expected, seconds, null);
    }

    /// <summary>
    /// The emulator's own send rate: a raw socket posts the request (HTTP/1.1, <c>Connection: close</c>)
    /// and drains the response to EOF, only counting <c>data: </c> markers (no HTTP, SSE or JSON parsing).
    /// <c>--transport grpc</c>: see <see cref="GrpcDrainProbe"/>.
    /// </summary>
    public static async Task<JsonObject> DrainAsync(ProbeArgs args)
    {
        if (ClientFactory.TransportName(args) == "grpc")
        {
            return await GrpcDrainProbe.RunAsync(args).ConfigureAwait(false);
        }

        string modelName = args.Get("model", "stream-10000");
        int expected = ChunkCount(modelName);
        int runs = args.GetInt("runs", 5);
        Uri baseUri = args.BaseUri;
        byte[] body = Encoding.UTF8.GetBytes("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}");
        byte[] head = Encoding.ASCII.GetBytes(
            $"POST /v1beta/models/{modelName}:streamGenerateContent?alt=sse HTTP/1.1\r\nHost: {baseUri.Authority}\r\n" +
            $"x-goog-api-key: {args.Key}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        byte[] marker = "data: "u8.ToArray();
        byte[] buffer = new byte[64 * 1024];

        var seconds = new List<double>();
        long bytes = 0;
        for (int run = -1; run < runs; run++)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(baseUri.Host, baseUri.Port).ConfigureAwait(false);
            long start = Stopwatch.GetTimestamp();
            await socket.SendAsync(head.Concat(body).ToArray(), SocketFlags.None).ConfigureAwait(false);
            int markers = 0, carry = 0, read;
            long total = 0;
            bool statusChecked = false;
            while ((read = await socket.ReceiveAsync(buffer.AsMemory(carry), SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                total += read;
                int length = carry + read;
                if (!statusChecked)
                {
                    if (!buffer.AsSpan(0, length).StartsWith("HTTP/1.1 200"u8))
                    {
                        throw new InvalidOperationException("The emulator did not answer 200: " + Encoding.ASCII.GetString(buffer, 0, Math.Min(length, 200)));
                    }

                    statusChecked = true;
                }

                ReadOnlySpan<byte> span = buffer.AsSpan(0, length);
                int index;
                while ((index = span.IndexOf(marker)) >= 0)
                {
                    markers++;
                    span = span[(index + marker.Length)..];
                }

                // Keep a tail that could be the start of a marker split across reads.
                carry = Math.Min(span.Length, marker.Length - 1);
                span[^carry..].CopyTo(buffer);
            }

            long end = Stopwatch.GetTimestamp();
            if (markers != expected)
            {
                throw new InvalidOperationException($"Expected {expected} events, counted {markers}.");
            }

            if (run >= 0)
            {
                seconds.Add(Stats.Seconds(start, end));
                bytes = total;
            }
        }

        JsonObject result = Throughput("emulator-drain", "rest", expected, seconds, null);
        result["bytesPerStream"] = bytes;
        return result;
    }

    public static JsonObject Throughput(string probe, string transport, int chunks, List<double> seconds, double? allocatedPerChunk) => new()
    {
        ["probe"] = probe,
        ["transport"] = transport,
        ["chunks"] = chunks,
        ["runs"] = seconds.Count,
        ["seconds"] = new JsonArray(seconds.Select(s => (JsonNode)Math.Round(s, 4)).ToArray()),
        ["medianChunksPerSecond"] = chunks / Stats.Median(seconds),
        ["bestChunksPerSecond"] = chunks / seconds.Min(),
        ["allocatedBytesPerChunk"] = allocatedPerChunk,
    };

    public static int ChunkCount(string model)
    {
        string[] pieces = model.Split('-');
        if (pieces.Length < 2 || pieces[0] != "stream" || !int.TryParse(pieces[1], out int n))
        {
            throw new ArgumentException($"'{model}' is not a stream-N scenario model.");
        }

        return n;
    }
}
