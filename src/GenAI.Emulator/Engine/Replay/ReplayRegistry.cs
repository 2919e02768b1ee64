using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Replay;

/// <summary>A fixture registered for a model: its bytes, how to serve them and with which status.</summary>
public sealed record ReplayEntry(string ModelId, string RelativePath, byte[] Body, BodyFormat Format, int StatusCode);

/// <summary>
/// <c>POST /emulator/replay</c> registrations: model id → recorded body. <c>.txt</c> files are served
/// verbatim as <c>text/event-stream</c>, <c>.json</c> as <c>application/json</c>; a body that is an
/// error object (<c>{"error": {"code": N}}</c>, also <c>[{"error": ...}]</c>) is served with status N.
/// </summary>
public sealed class ReplayRegistry
{
    private readonly ConcurrentDictionary<string, ReplayEntry> _entries = new(StringComparer.Ordinal);
    private readonly Lazy<string?> _root;

    public ReplayRegistry(string? configuredRoot)
    {
        _root = new Lazy<string?>(() => FixtureLocator.Locate(configuredRoot));
    }

    public string? FixturesRoot => _root.Value;

    public ReplayEntry Register(string model, string relativePath)
    {
        string root = FixturesRoot ?? throw new ApiException(ApiErrors.FailedPrecondition(
            "No fixtures folder: pass --fixtures or EmulatorOptions.FixturesPath; the emulator ships its recordings in a 'Fixtures' folder beside GenAI.Emulator.dll."));
        if (string.IsNullOrWhiteSpace(model) || string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath))
        {
            throw new ApiException(ApiErrors.InvalidArgument("Body must be {\"model\": \"models/x\", \"file\": \"<path relative to the fixtures folder>\"}."));
        }

        string rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
        {
            throw new ApiException(ApiErrors.InvalidArgument($"'{relativePath}' is outside the fixtures folder."));
        }

        if (!File.Exists(full))
        {
            throw new ApiException(ApiErrors.NotFound($"Fixture '{relativePath}' not found under {root}."));
        }

        byte[] body = File.ReadAllBytes(full);
        BodyFormat format = full.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? BodyFormat.EventStream : BodyFormat.Json;
        var entry = new ReplayEntry(ModelCatalog.StripPrefix(model), relativePath, body, format, StatusOf(body));
        _entries[entry.ModelId] = entry;
        return entry;
    }

    public ReplayEntry? Find(string modelId) => _entries.TryGetValue(modelId, out ReplayEntry? entry) ? entry : null;

    public void Reset() => _entries.Clear();

    public void Reset(string modelId) => _entries.TryRemove(modelId, out _);

    private static int StatusOf(byte[] body)
    {
        try
        {
            return ApiErrors.TryGetErrorCode(JsonNode.Parse(body), out int code) && code is >= 400 and <= 599 ? code : 200;
        }
        catch (System.Text.Json.JsonException)
        {
            return 200;
        }
    }
}
