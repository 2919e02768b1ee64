using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>How cassettes are written and compared: indented, readable (no needless escapes), keys sorted where order is noise.</summary>
internal static class CassetteJson
{
    private static readonly JsonSerializerOptions s_file = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToFileText(JsonNode node) => node.ToJsonString(s_file) + "\n";

    /// <summary>One line, for match keys and hashes.</summary>
    public static string ToCanonical(JsonNode? node) => node is null ? "null" : node.ToJsonString(s_compact);

    /// <summary>A copy with every object's members in ordinal order (arrays keep theirs): key order never decides a match.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, System.StringComparer.Ordinal)
            .Select(p => System.Collections.Generic.KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
