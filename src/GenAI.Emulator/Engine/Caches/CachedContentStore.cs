using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GenAI.Emulator.Engine.Caches;

/// <summary>Thread-safe in-memory cachedContents; expired entries disappear on access.</summary>
public sealed class CachedContentStore
{
    private readonly ConcurrentDictionary<string, CachedContentEntry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _sequence;

    public CachedContentStore(TimeProvider time)
    {
        _time = time;
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public bool TryAdd(CachedContentEntry entry) => _entries.TryAdd(entry.Id, entry);

    /// <summary>The live entry for <c>cachedContents/{id}</c> or a bare id; null when missing or expired.</summary>
    public CachedContentEntry? Find(string nameOrId)
    {
        string id = nameOrId.StartsWith("cachedContents/", StringComparison.Ordinal) ? nameOrId["cachedContents/".Length..] : nameOrId;
        if (!_entries.TryGetValue(id, out CachedContentEntry? entry))
        {
            return null;
        }

        if (entry.ExpireTime <= _time.GetUtcNow())
        {
            _entries.TryRemove(id, out _);
            return null;
        }

        return entry;
    }

    public bool Remove(string id) => _entries.TryRemove(id, out _);

    /// <summary>Live entries, newest first.</summary>
    public IReadOnlyList<CachedContentEntry> Snapshot()
    {
        DateTimeOffset now = _time.GetUtcNow();
        return _entries.Values.Where(e => e.ExpireTime > now).OrderByDescending(e => e.Sequence).ToList();
    }
}
