using System.Collections.Generic;
using System.Threading;

namespace GenAI.Emulator.Recording;

/// <summary>Thread-safe, bounded log of recorded requests (oldest dropped first).</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly LinkedList<RecordedRequest> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    public RequestLog(int capacity)
    {
        _capacity = capacity < 1 ? 1 : capacity;
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _entries.AddLast(request);
            while (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return new List<RecordedRequest>(_entries);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
