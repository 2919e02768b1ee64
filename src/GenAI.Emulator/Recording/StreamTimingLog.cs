using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Recording;

/// <summary>
/// When each chunk of a stream was handed to the server for writing, as <see cref="Stopwatch.GetTimestamp"/>
/// values. That clock is monotonic and machine-wide on Linux (CLOCK_MONOTONIC), so a client process on
/// the same machine can subtract it from its own timestamp of receiving the chunk (the benchmarks'
/// first-chunk latency). Bounded: the newest <see cref="MaxStreams"/> streams, the first
/// <see cref="MaxChunks"/> chunk times of each (the count and the last time are always kept).
/// </summary>
internal sealed class StreamTimingLog
{
    public const int MaxStreams = 100;
    public const int MaxChunks = 1000;

    private readonly object _gate = new();
    private readonly LinkedList<StreamTiming> _streams = new();

    public StreamTiming Begin(string model)
    {
        var timing = new StreamTiming(model, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            _streams.AddLast(timing);
            while (_streams.Count > MaxStreams)
            {
                _streams.RemoveFirst();
            }
        }

        return timing;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _streams.Clear();
        }
    }

    /// <summary><c>{"frequency": ticks per second, "streams": [{model, started, chunks, chunkTimestamps, lastChunkTimestamp}]}</c>, oldest first.</summary>
    public JsonObject ToJson(string? model)
    {
        List<StreamTiming> streams;
        lock (_gate)
        {
            streams = _streams.Where(s => model is null || s.Model == model || s.Model == "models/" + model).ToList();
        }

        var array = new JsonArray();
        foreach (StreamTiming stream in streams)
        {
            array.Add(stream.ToJson());
        }

        return new JsonObject { ["frequency"] = Stopwatch.Frequency, ["streams"] = array };
    }
}

/// <summary>The chunk write times of one stream; written by the one request that owns it.</summary>
internal sealed class StreamTiming
{
    private readonly long[] _chunks = new long[StreamTimingLog.MaxChunks];
    private int _count;
    private long _last;

    public StreamTiming(string model, long started)
    {
        Model = model;
        Started = started;
    }

    public string Model { get; }

    public long Started { get; }

    /// <summary>Call just before writing a chunk to the response.</summary>
    public void ChunkWriting()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_chunks)
        {
            if (_count < _chunks.Length)
            {
                _chunks[_count] = now;
            }

            _count++;
            _last = now;
        }
    }

    public JsonObject ToJson()
    {
        lock (_chunks)
        {
            var times = new JsonArray();
            for (int i = 0; i < System.Math.Min(_count, _chunks.Length); i++)
            {
                times.Add(_chunks[i]);
            }

            return new JsonObject
            {
                ["model"] = Model,
                ["started"] = Started,
                ["chunks"] = _count,
                ["chunkTimestamps"] = times,
                ["lastChunkTimestamp"] = _count == 0 ? null : _last,
            };
        }
    }
}
