using System;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Caches;

/// <summary>A stored cachedContents resource. Contents, system instruction and tools are kept but never returned.</summary>
public sealed class CachedContentEntry
{
    public required string Id { get; init; }

    public string Name => "cachedContents/" + Id;

    /// <summary>Full model name, <c>models/...</c>.</summary>
    public required string Model { get; init; }

    public string DisplayName { get; init; } = string.Empty;

    public required DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset UpdateTime { get; set; }

    public DateTimeOffset ExpireTime { get; set; }

    public long Sequence { get; init; }

    public JsonObject? SystemInstruction { get; init; }

    public JsonArray? Contents { get; init; }

    public JsonArray? Tools { get; init; }

    public JsonObject? ToolConfig { get; init; }

    public required TokenTally Tokens { get; init; }

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["model"] = Model,
        ["createTime"] = ProtoTime.FormatMicros(CreateTime),
        ["updateTime"] = ProtoTime.FormatMicros(UpdateTime),
        ["expireTime"] = ProtoTime.FormatNanos(ExpireTime),
        ["displayName"] = DisplayName,
        ["usageMetadata"] = new JsonObject { ["totalTokenCount"] = Tokens.Total },
    };
}
