using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine.Json;

/// <summary>Typed reads of proto JSON scalars, failing like the service on a wrong JSON type.</summary>
internal static class JsonRead
{
    /// <summary>The string value, or null when absent; a non-string fails with "Invalid value at".</summary>
    public static string? String(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw InvalidValue(path, "TYPE_STRING", node);
    }

    /// <summary>Reads a number; proto JSON also accepts numeric strings ("5", "0.5").</summary>
    public static double? Number(JsonNode? node, string path, string protoType = "TYPE_FLOAT")
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    return value.GetValue<double>();
                case JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                    return parsed;
                case JsonValueKind.Null:
                    return null;
            }
        }

        throw InvalidValue(path, protoType, node);
    }

    public static int? Integer(JsonNode? node, string path)
    {
        double? number = Number(node, path, "TYPE_INT32");
        if (number is null)
        {
            return null;
        }

        if (number.Value != System.Math.Floor(number.Value) || number.Value > int.MaxValue || number.Value < int.MinValue)
        {
            throw InvalidValue(path, "TYPE_INT32", node!);
        }

        return (int)number.Value;
    }

    public static bool? Boolean(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        throw InvalidValue(path, "TYPE_BOOL", node);
    }

    /// <summary>The string when <paramref name="node"/> is a JSON string, else null (no error).</summary>
    public static string? TryString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static ApiException InvalidValue(string path, string protoType, JsonNode node) =>
        new(ApiErrors.InvalidJsonPayload($"Invalid value at '{path}' ({protoType}), {node.ToJsonString()}", path));
}
