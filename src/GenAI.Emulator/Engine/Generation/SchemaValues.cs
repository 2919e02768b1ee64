using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// Builds a deterministic value conforming to a schema (OpenAPI subset or JSON Schema, type names in
/// any case): strings "string" (or the first enum value), numbers and integers 1, booleans true,
/// arrays with one item, objects with every property. Top-level properties may take a value from
/// the prompt (<c>name=value</c>) when <see cref="PromptArguments"/> are given.
/// </summary>
internal static class SchemaValues
{
    private const int MaxDepth = 24;

    public static JsonNode? Build(JsonNode? schema, PromptArguments? arguments = null) => Build(schema, arguments, 0);

    public static string TypeOf(JsonNode? schema)
    {
        JsonNode? type = schema?["type"];
        string? name = JsonRead.TryString(type);
        if (name is null && type is JsonArray types)
        {
            name = types.Select(JsonRead.TryString).FirstOrDefault(t => t is not null && !t.Equals("null", StringComparison.OrdinalIgnoreCase));
        }

        if (name is null && type is JsonValue numeric && numeric.TryGetValue(out int typeNumber))
        {
            name = typeNumber switch { 1 => "STRING", 2 => "NUMBER", 3 => "INTEGER", 4 => "BOOLEAN", 5 => "ARRAY", 6 => "OBJECT", 7 => "NULL", _ => null };
        }

        if (name is not null)
        {
            return name.ToUpperInvariant();
        }

        if (schema?["properties"] is JsonObject)
        {
            return "OBJECT";
        }

        return schema?["items"] is not null ? "ARRAY" : "STRING";
    }

    private static JsonNode? Build(JsonNode? schema, PromptArguments? arguments, int depth)
    {
        if (schema is not JsonObject obj || depth > MaxDepth)
        {
            return "string";
        }

        foreach (string alternative in new[] { "anyOf", "oneOf" })
        {
            if (obj[alternative] is JsonArray { Count: > 0 } options)
            {
                return Build(options[0], arguments, depth + 1);
            }
        }

        return TypeOf(obj) switch
        {
            "OBJECT" => BuildObject(obj, arguments, depth),
            "ARRAY" => new JsonArray(Build(obj["items"], null, depth + 1)),
            "INTEGER" => 1,
            "NUMBER" => 1,
            "BOOLEAN" => true,
            "NULL" => null,
            _ => FirstEnumValue(obj) ?? "string",
        };
    }

    private static JsonObject BuildObject(JsonObject schema, PromptArguments? arguments, int depth)
    {
        var result = new JsonObject();
        if (schema["properties"] is not JsonObject properties)
        {
            return result;
        }

        foreach (string name in OrderedNames(schema, properties))
        {
            JsonNode? propertySchema = properties[name];
            string? fromPrompt = arguments?.Find(name);
            result[name] = fromPrompt is null ? Build(propertySchema, null, depth + 1) : Convert(fromPrompt, propertySchema);
        }

        return result;
    }

    private static IEnumerable<string> OrderedNames(JsonObject schema, JsonObject properties)
    {
        var ordering = (schema["propertyOrdering"] as JsonArray)?.Select(JsonRead.TryString)
            .Where(n => n is not null && properties.ContainsKey(n)).Select(n => n!).ToList() ?? new List<string>();
        return ordering.Concat(properties.Select(p => p.Key).Where(n => !ordering.Contains(n)));
    }

    private static JsonNode? Convert(string text, JsonNode? schema)
    {
        switch (TypeOf(schema))
        {
            case "INTEGER":
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long integer) ? integer : 1;
            case "NUMBER":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : 1;
            case "BOOLEAN":
                return bool.TryParse(text, out bool flag) ? flag : true;
            case "OBJECT":
            case "ARRAY":
                return Build(schema);
            default:
                var values = (schema?["enum"] as JsonArray)?.Select(JsonRead.TryString).ToList();
                return values is { Count: > 0 } && !values.Contains(text) ? values[0] : text;
        }
    }

    private static string? FirstEnumValue(JsonObject schema) =>
        schema["enum"] is JsonArray { Count: > 0 } values ? JsonRead.TryString(values[0]) ?? values[0]?.ToJsonString() : null;
}
