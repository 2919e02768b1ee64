using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// The cassette folder: loads the cassettes (replay), finds the one for a request, and writes new ones
/// (record). A file is named after its request (<see cref="CassetteRequest.FileStem"/>), so recording the same
/// calls again rewrites the same files and a source-control diff shows only what the service now says differently.
/// </summary>
internal sealed class CassetteLibrary
{
    public const string Redacted = "REDACTED";

    private readonly object _gate = new();
    private readonly Dictionary<string, SortedList<int, Cassette>> _byKey = new(StringComparer.Ordinal);
    private readonly string? _secret;

    private CassetteLibrary(string folder, string? secret)
    {
        Folder = folder;
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public string Folder { get; }

    public int Count
    {
        get { lock (_gate) return _byKey.Values.Sum(l => l.Count); }
    }

    /// <summary>Opens (creating it when recording) the folder and, unless <paramref name="load"/> is false, reads every <c>*.json</c> in it.</summary>
    public static CassetteLibrary Open(string folder, bool load, bool create, string? secret)
    {
        string full = Path.GetFullPath(folder);
        if (create)
        {
            Directory.CreateDirectory(full);
        }
        else if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The cassette folder '{full}' does not exist.");
        }

        var library = new CassetteLibrary(full, secret);
        if (load)
        {
            foreach (string file in Directory.EnumerateFiles(full, "*.json").Order(StringComparer.Ordinal))
            {
                Cassette cassette;
                try
                {
                    cassette = Cassette.FromJson(JsonNode.Parse(File.ReadAllText(file)));
                }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                {
                    throw new InvalidDataException($"The cassette '{file}' is not readable: {ex.Message}", ex);
                }

                library.Add(cassette);
            }
        }

        return library;
    }

    /// <summary>
    /// The cassette for the <paramref name="sequence"/>-th identical request; past the last one recorded, the last
    /// (polling longer than when recorded sees the final state). Null when no cassette has this request.
    /// </summary>
    public Cassette? Find(CassetteRequest request, int sequence)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(request.MatchKey, out SortedList<int, Cassette>? recorded))
            {
                return null;
            }

            return recorded.TryGetValue(sequence, out Cassette? exact) ? exact : recorded.Values[recorded.Count - 1];
        }
    }

    public IReadOnlyList<Cassette> All()
    {
        lock (_gate)
        {
            return _byKey.Values.SelectMany(l => l.Values).ToList();
        }
    }

    /// <summary>Writes the cassette (replacing a file of the same name) with every trace of the upstream key removed.</summary>
    public void Save(Cassette cassette)
    {
        string text = CassetteJson.ToFileText(cassette.ToJson());
        if (_secret is not null)
        {
            text = text.Replace(_secret, Redacted, StringComparison.Ordinal);
        }

        string path = Path.Combine(Folder, cassette.FileName);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        Add(cassette);
    }

    private void Add(Cassette cassette)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(cassette.Request.MatchKey, out SortedList<int, Cassette>? list))
            {
                _byKey[cassette.Request.MatchKey] = list = new SortedList<int, Cassette>();
            }

            list[cassette.Sequence] = cassette;
        }
    }
}
