using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using GenAI.Core;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;
using GenAI.Core.Transport;

namespace GenAI.Benchmarks.Micro;

/// <summary>
/// The per-chunk cost of a streamed reply in the core, from bytes to objects. Every benchmark handles
/// <see cref="Chunks"/> chunks and reports per chunk (OperationsPerInvoke), so "Allocated" is bytes per chunk.
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    public const int Chunks = 1000;

    private byte[] _sse = null!;
    private List<GenerateContentResponse> _parsed = null!;
    private GenAIClient _client = null!;
    private GenerativeModel _model = null!;
    private List<Content> _prompt = null!;

    [Params(StreamPayloads.Emulator, StreamPayloads.Recorded)]
    public string Payload { get; set; } = StreamPayloads.Emulator;

    [GlobalSetup]
    public void Setup()
    {
        _sse = StreamPayloads.Get(Payload, Chunks);
        if (StreamPayloads.CountEvents(_sse) != Chunks)
        {
            throw new InvalidDataException($"The {Payload} payload has {StreamPayloads.CountEvents(_sse)} events, not {Chunks}.");
        }

        _parsed = new List<GenerateContentResponse>(Chunks);
        using (var reader = new SseReader(new MemoryStream(_sse)))
        {
            while (reader.MoveNextAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                _parsed.Add(JsonSerializer.Deserialize(reader.Current.Span, GenAIJsonContext.Default.GenerateContentResponse)!);
            }
        }

        var options = new GenAIClientOptions { BaseUri = new System.Uri("http://127.0.0.1:1/"), ApiKey = "bench-key" };
        _client = new GenAIClient(options, new RestTransport(options, new HttpClient(new ReplayHandler(_sse))));
        _model = new GenerativeModel("stream-bench");
        _prompt = new List<Content> { Content.FromText("x") };
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary>SSE framing only: find each event and copy its data into the pooled buffer.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public async Task<int> SseFraming()
    {
        int bytes = 0;
        using var reader = new SseReader(new MemoryStream(_sse, writable: false));
        while (await reader.MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            bytes += reader.Current.Length;
        }

        return bytes;
    }

    /// <summary>SSE framing plus the source-generated deserialisation of each event from the pooled span.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public async Task<int> SseAndJson()
    {
        int parts = 0;
        using var reader = new SseReader(new MemoryStream(_sse, writable: false));
        while (await reader.MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            GenerateContentResponse chunk = JsonSerializer.Deserialize(reader.Current.Span, GenAIJsonContext.Default.GenerateContentResponse)!;
            parts += chunk.Candidates?.Count ?? 0;
        }

        return parts;
    }

    /// <summary>
    /// The whole core path a cmdlet uses: ModelsClient.StreamGenerateContentAsync over RestTransport (request
    /// build and serialisation, HttpClient, SSE, JSON, the async iterators), the body served from memory.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public async Task<int> CoreStream()
    {
        int count = 0;
        await foreach (GenerateContentResponse chunk in _client.Models.StreamGenerateContentAsync(_model, _prompt).ConfigureAwait(false))
        {
            count += chunk.Candidates?.Count ?? 0;
        }

        return count;
    }

    /// <summary>Folding already-parsed chunks into one response (what chat sessions and -Stream aggregation do).</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public GenerateContentResponse Aggregate()
    {
        var aggregator = new StreamAggregator();
        foreach (GenerateContentResponse chunk in _parsed)
        {
            aggregator.Add(chunk);
        }

        return aggregator.ToResponse();
    }
}
