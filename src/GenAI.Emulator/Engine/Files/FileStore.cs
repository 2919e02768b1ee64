using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

namespace GenAI.Emulator.Engine.Files;

/// <summary>Thread-safe in-memory file registry (metadata only).</summary>
public sealed class FileStore
{
    public const int PreviewBytes = 1024;

    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public bool TryAdd(StoredFile file) => _files.TryAdd(file.Id, file);

    public bool Contains(string id) => _files.ContainsKey(id);

    public StoredFile? Find(string nameOrId) => _files.TryGetValue(ToId(nameOrId), out StoredFile? file) ? file : null;

    public bool Remove(string nameOrId) => _files.TryRemove(ToId(nameOrId), out _);

    /// <summary>All files, newest first.</summary>
    public IReadOnlyList<StoredFile> Snapshot() => _files.Values.OrderByDescending(f => f.Sequence).ToList();

    public static string ToId(string nameOrId) => nameOrId.StartsWith("files/", StringComparison.Ordinal) ? nameOrId["files/".Length..] : nameOrId;

    /// <summary>A random 12-character id of <c>[a-z0-9]</c>, like <c>4if4o2bqvugf</c>.</summary>
    public static string NewId(int length = 12)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
