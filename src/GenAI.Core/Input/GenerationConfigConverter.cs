using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// A <see cref="GenerationConfig"/> from a hashtable, an object's properties, JSON text or a config
    /// object. Every field of the API is accepted in lowerCamel, snake_case or PascalCase; values are
    /// checked against the field's type (numbers given as text are accepted) and fields this version
    /// does not know are passed through unchanged. Ranges are checked by <see cref="GenerationConfigValidator"/>.
    /// </summary>
    public sealed class GenerationConfigConverter
    {
        private enum Kind { Integer, Number, Boolean, Text, TextList, Schema, Json, ModalityList, MediaResolution, Thinking, UpperText }

        private static readonly Dictionary<string, Kind> s_fields = new Dictionary<string, Kind>
        {
            ["candidateCount"] = Kind.Integer,
            ["stopSequences"] = Kind.TextList,
            ["maxOutputTokens"] = Kind.Integer,
            ["temperature"] = Kind.Number,
            ["topP"] = Kind.Number,
            ["topK"] = Kind.Integer,
            ["seed"] = Kind.Integer,
            ["responseMimeType"] = Kind.Text,
            ["responseSchema"] = Kind.Schema,
            ["responseJsonSchema"] = Kind.Json,
            ["presencePenalty"] = Kind.Number,
            ["frequencyPenalty"] = Kind.Number,
            ["responseLogprobs"] = Kind.Boolean,
            ["logprobs"] = Kind.Integer,
            ["enableEnhancedCivicAnswers"] = Kind.Boolean,
            ["responseModalities"] = Kind.ModalityList,
            ["speechConfig"] = Kind.Json,
            ["imageConfig"] = Kind.Json,
            ["mediaResolution"] = Kind.MediaResolution,
            ["thinkingConfig"] = Kind.Thinking,
        };

        private static readonly Dictionary<string, Kind> s_thinkingFields = new Dictionary<string, Kind>
        {
            ["includeThoughts"] = Kind.Boolean,
            ["thinkingBudget"] = Kind.Integer,
            ["thinkingLevel"] = Kind.UpperText,
        };

        private readonly SchemaConverter _schemas;

        /// <param name="schemas">Converts responseSchema values (hashtables, JSON text, types).</param>
        public GenerationConfigConverter(SchemaConverter? schemas = null)
        {
            _schemas = schemas ?? new SchemaConverter();
        }

        public GenerationConfig Convert(object value)
        {
            if (value == null) throw Invalid("The generation config is empty.", null);
            switch (value)
            {
                case GenerationConfig config:
                    return config;
                case string text:
                    return FromObject(ParseText(text), text);
                case JsonElement element when element.ValueKind == JsonValueKind.Object:
                    return FromObject(JsonNode.Parse(element.GetRawText())!.AsObject(), value);
                case IDictionary dictionary:
                    var node = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        string key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                        string name = FieldNames.Resolve(key == "_responseJsonSchema" ? "responseJsonSchema" : key, s_fields.Keys);
                        if (node.ContainsKey(name)) throw Invalid($"The generation config names '{name}' twice (as '{key}').", dictionary);
                        node[name] = ConvertField(name, s_fields.TryGetValue(name, out var kind) ? kind : Kind.Json, entry.Value, dictionary);
                    }
                    return Deserialize(node, dictionary);
                default:
                    throw Invalid($"A generation config cannot be made from a value of type '{value.GetType().Name}'.", value);
            }
        }

        private GenerationConfig FromObject(JsonObject source, object input)
        {
            var node = new JsonObject();
            foreach (var pair in source.ToList())
            {
                string name = FieldNames.Resolve(pair.Key == "_responseJsonSchema" ? "responseJsonSchema" : pair.Key, s_fields.Keys);
                source.Remove(pair.Key);
                object? value = pair.Value == null ? null : JsonSerializer.Deserialize(pair.Value.ToJsonString(), GenAIJsonContext.Default.JsonElement);
                node[name] = ConvertField(name, s_fields.TryGetValue(name, out var kind) ? kind : Kind.Json, value, input);
            }
            return Deserialize(node, input);
        }

        private JsonNode? ConvertField(string name, Kind kind, object? value, object input)
        {
            if (value == null) return null;
            switch (kind)
            {
                case Kind.Integer: return JsonValue.Create(Integer(name, value, input));
                case Kind.Number: return JsonValue.Create(Number(name, value, input));
                case Kind.Boolean: return JsonValue.Create(Boolean(name, value, input));
                case Kind.Text: return JsonValue.Create(Text(value));
                case Kind.UpperText: return JsonValue.Create(Text(value).ToUpperInvariant());
                case Kind.TextList: return new JsonArray(List(value).Select(v => (JsonNode?)JsonValue.Create(Text(v))).ToArray());
                case Kind.ModalityList: return new JsonArray(List(value).Select(v => (JsonNode?)JsonValue.Create(Text(v).ToUpperInvariant())).ToArray());
                case Kind.MediaResolution:
                    string resolution = Text(value).ToUpperInvariant();
                    return JsonValue.Create(resolution.StartsWith("MEDIA_RESOLUTION_", StringComparison.Ordinal) ? resolution : "MEDIA_RESOLUTION_" + resolution);
                case Kind.Schema: return JsonNode.Parse(_schemas.Convert(value).GetRawText());
                case Kind.Thinking: return Thinking(value, input);
                default: return CamelKeys(JsonNode.Parse(JsonValues.FromObject(value).GetRawText()));
            }
        }

        private JsonObject Thinking(object value, object input)
        {
            var source = value is JsonElement element ? JsonNode.Parse(element.GetRawText()) as JsonObject : null;
            var result = new JsonObject();
            IEnumerable<KeyValuePair<string, object?>> entries = source != null
                ? source.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value == null ? null : (object)JsonSerializer.Deserialize(p.Value.ToJsonString(), GenAIJsonContext.Default.JsonElement)))
                : value is IDictionary dictionary
                    ? DictionaryEntries.Of(dictionary).Select(e => new KeyValuePair<string, object?>(System.Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e.Value))
                    : throw Invalid($"thinkingConfig must be a hashtable such as @{{ thinkingBudget = 1024; includeThoughts = $true }}, not '{value}'.", input);
            foreach (var entry in entries)
            {
                string name = FieldNames.Resolve(entry.Key, s_thinkingFields.Keys);
                result[name] = ConvertField("thinkingConfig." + name, s_thinkingFields.TryGetValue(name, out var kind) ? kind : Kind.Json, entry.Value, input);
            }
            return result;
        }

        private static GenerationConfig Deserialize(JsonObject node, object input)
        {
            try
            {
                return node.Deserialize(GenAIJsonContext.Default.GenerationConfig)!;
            }
            catch (JsonException ex)
            {
                throw Invalid($"The generation config does not have the API's shape: {ex.Message}", input);
            }
        }

        private static JsonObject ParseText(string text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw Invalid("The generation config text must be a JSON object.", text);
            }
            catch (JsonException ex)
            {
                throw Invalid($"The generation config text is not valid JSON: {ex.Message}", text);
            }
        }

        private static long Integer(string name, object value, object input)
        {
            switch (value)
            {
                case JsonElement e when e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long l): return l;
                case JsonElement e when e.ValueKind == JsonValueKind.String: return Integer(name, e.GetString()!, input);
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                case double d when d == Math.Floor(d) && Math.Abs(d) < long.MaxValue: return (long)d;
                case float f when f == Math.Floor(f): return (long)f;
                case decimal m when m == decimal.Floor(m): return (long)m;
                case string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed): return parsed;
            }
            throw Invalid($"generationConfig.{name} must be a whole number, not '{Describe(value)}'.", input);
        }

        private static double Number(string name, object value, object input)
        {
            switch (value)
            {
                case JsonElement e when e.ValueKind == JsonValueKind.Number: return e.GetDouble();
                case JsonElement e when e.ValueKind == JsonValueKind.String: return Number(name, e.GetString()!, input);
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case float _: case double _: case decimal _:
                    return System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed): return parsed;
            }
            throw Invalid($"generationConfig.{name} must be a number, not '{Describe(value)}'.", input);
        }

        private static bool Boolean(string name, object value, object input)
        {
            switch (value)
            {
                case bool b: return b;
                case JsonElement e when e.ValueKind == JsonValueKind.True: return true;
                case JsonElement e when e.ValueKind == JsonValueKind.False: return false;
                case string s when bool.TryParse(s.Trim(), out bool parsed): return parsed;
            }
            throw Invalid($"generationConfig.{name} must be $true or $false, not '{Describe(value)}'.", input);
        }

        private static string Text(object value) => value is JsonElement e
            ? (e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())
            : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

        private IEnumerable<object> List(object value)
        {
            if (value is JsonElement e && e.ValueKind == JsonValueKind.Array) return e.EnumerateArray().Cast<object>().ToList();
            if (value is string || !(value is IEnumerable items)) return new[] { value };
            return items.Cast<object?>().Where(v => v != null).Cast<object>().ToList();
        }

        // Nested proto messages (speechConfig, imageConfig) accept snake_case and PascalCase keys too.
        private static JsonNode? CamelKeys(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var pair in obj.ToList())
                {
                    obj.Remove(pair.Key);
                    obj[FieldNames.ToCamel(pair.Key)] = CamelKeys(pair.Value);
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    array[i] = null;
                    array[i] = CamelKeys(item);
                }
            }
            return node;
        }

        private static string Describe(object value) => value is JsonElement e ? e.GetRawText() : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

        private static InvalidInputException Invalid(string message, object? input) =>
            new InvalidInputException(ErrorCodes.InvalidGenerationConfig, message, input,
                "Use the API's generationConfig fields, e.g. @{ temperature = 0.2; maxOutputTokens = 512; stopSequences = 'END' } (snake_case and PascalCase names work too).");
    }
}
