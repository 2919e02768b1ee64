using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using GenAI.Emulator;

namespace GenAI.Benchmarks.Micro;

/// <summary>
/// The SSE bodies the micro benchmarks parse, captured once: the emulator's <c>stream-N</c> reply (fetched
/// from an in-process emulator, so the bytes are exactly what the throughput benchmark streams) and a
/// recorded reply of the live service (the emulator's fixtures, googleai/streaming-success-basic-reply-long.txt,
/// longer text per chunk plus token details) repeated to the same chunk count.
/// </summary>
public static class StreamPayloads
{
    public const string Emulator = "emulator";
    public const string Recorded = "recorded";
    public const string RecordedFixture = "googleai/streaming-success-basic-reply-long.txt";

    public static byte[] Get(string name, int chunks) => name switch
    {
        Emulator => FromEmulatorAsync(chunks).GetAwaiter().GetResult(),
        Recorded => Repeat(File.ReadAllBytes(FindFixture(RecordedFixture)), chunks),
        _ => throw new ArgumentException($"Unknown payload '{name}'."),
    };

    public static int CountEvents(byte[] sse)
    {
        int count = 0;
        ReadOnlySpan<byte> span = sse;
        ReadOnlySpan<byte> separator = "\r\n\r\n"u8;
        int index;
        while ((index = span.IndexOf(separator)) >= 0)
        {
            count++;
            span = span[(index + separator.Length)..];
        }

        return count;
    }

    private static async Task<byte[]> FromEmulatorAsync(int chunks)
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = "bench-key" });
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        http.DefaultRequestHeaders.Add("x-goog-api-key", "bench-key");
        using var body = new StringContent("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync($"v1beta/models/stream-{chunks}:streamGenerateContent?alt=sse", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The recorded events, cycled until there are <paramref name="chunks"/> of them.</summary>
    private static byte[] Repeat(byte[] recorded, int chunks)
    {
        string text = Encoding.UTF8.GetString(recorded).Replace("\r\n", "\n");
        string[] events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new StringBuilder();
        for (int i = 0; i < chunks; i++)
        {
            builder.Append(events[i % events.Length]).Append("\r\n\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static string FindFixture(string relative)
    {
        string root = GenAI.Emulator.Engine.Replay.FixtureLocator.Locate(null)
            ?? throw new DirectoryNotFoundException("The emulator's 'Fixtures' folder was not copied beside the benchmarks; rebuild them.");
        return Path.Combine(root, relative);
    }
}
