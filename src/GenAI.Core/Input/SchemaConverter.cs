using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;

namespace GenAI.Core.Input
{
    /// <summary>
    /// Builds the API's Schema (the OpenAPI 3.0 subset of https://ai.google.dev/api/caching#Schema) from a hashtable, JSON text or a
    /// host type (through a hook), and checks it before it is sent: known keywords only, valid type
    /// names, <c>required</c> naming declared properties. Keywords may be snake_case or PascalCase; type
    /// names any case (<c>'string'</c> → <c>STRING</c>). A property given as a bare type name
    /// (<c>properties = @{ age = 'integer' }</c>) is short for <c>@{ type = 'integer' }</c>. Properties of an
    /// ordered dictionary ([ordered], PSCustomObject) get a matching <c>propertyOrdering</c>.
    /// </summary>
    public sealed class SchemaConverter
    {
        private const int MaxDepth = 32;

        private static readonly string[] s_keywords =
        {
            "type", "format", "title", "description", "nullable", "enum", "items", "maxItems", "minItems", "properties", "required",
            "minProperties", "maxProperties", "minimum", "maximum", "minLength", "maxLength", "pattern", "example", "anyOf",
            "propertyOrdering", "default",
        };

        private static readonly Dictionary<string, string> s_typeNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["string"] = "STRING", ["str"] = "STRING",
            ["number"] = "NUMBER", ["float"] = "NUMBER", ["double"] = "NUMBER", ["decimal"] = "NUMBER",
            ["integer"] = "INTEGER", ["int"] = "INTEGER", ["long"] = "INTEGER",
            ["boolean"] = "BOOLEAN", ["bool"] = "BOOLEAN",
            ["array"] = "ARRAY", ["list"] = "ARRAY",
            ["object"] = "OBJECT",
            ["null"] = "NULL",
            ["type_unspecified"] = "TYPE_UNSPECIFIED",
        };

        private readonly Func<object, JsonElement?>? _typeHook;

        /// <param name="typeHook">Builds the schema of a host type (a .NET or PowerShell class); null to fall through.</param>
        public SchemaConverter(Func<object, JsonElement?>? typeHook = null)
        {
            _typeHook = typeHook;
        }

        /// <summary>The schema for <paramref name="value"/>: a dictionary, JSON text, a JsonElement, or what the type hook accepts.</summary>
        public JsonElement Convert(object value)
        {
            if (value == null) throw Invalid("The schema is empty.", null);
            var hooked = _typeHook?.Invoke(value);
            if (hooked.HasValue) return hooked.Value;
            JsonNode node = value switch
            {
                JsonElement element => FromJson(element, "schema"),
                string text => FromJson(ParseText(text), "schema"),
                IDictionary dictionary => FromDictionary(dictionary, "schema", 0),
                _ => throw Invalid($"A schema cannot be made from a value of type '{value.GetType().Name}'.", value),
            };
            return ToElement(node);
        }

        /// <summary>Like <see cref="Convert"/>, for function parameters: the schema must describe an OBJECT.</summary>
        public JsonElement ConvertParameters(object value, string functionName)
        {
            var schema = Convert(value);
            string? type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != "OBJECT")
                throw Invalid($"The parameters of function '{functionName}' must be an OBJECT schema with properties, not {type ?? "a schema without type"}.", value);
            return schema;
        }

        /// <summary>Checks (and normalises) a schema already in wire form, e.g. one built from a type.</summary>
        public static JsonElement Normalize(JsonElement schema) => ToElement(FromJson(schema, "schema"));

        private static JsonElement ParseText(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidSchema, $"The schema text is not valid JSON: {ex.Message}", text,
                    "Pass a hashtable such as @{ type = 'object'; properties = @{ name = 'string' } }, a class ([MyClass]), or JSON text.", ex);
            }
        }

        private JsonObject FromDictionary(IDictionary dictionary, string path, int depth)
        {
            if (depth > MaxDepth) throw Invalid($"The schema is nested more than {MaxDepth} levels deep at {path}.", dictionary);
            var schema = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = Keyword(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", path, dictionary);
                object? value = entry.Value;
                switch (key)
                {
                    case "properties":
                        if (!(value is IDictionary properties)) throw Invalid($"{path}.properties must be a hashtable of property schemas.", dictionary);
                        var converted = new JsonObject();
                        foreach (DictionaryEntry property in properties)
                        {
                            string name = System.Convert.ToString(property.Key, CultureInfo.InvariantCulture) ?? "";
                            converted[name] = Property(property.Value, $"{path}.properties.{name}", depth);
                        }
                        schema[key] = converted;
                        if (properties is IOrderedDictionary && properties.Count > 1 && !Has(dictionary, "propertyOrdering"))
                            schema["propertyOrdering"] = new JsonArray(converted.Select(p => (JsonNode)JsonValue.Create(p.Key)!).ToArray());
                        break;
                    case "items":
                        schema[key] = Property(value, path + ".items", depth);
                        break;
                    case "anyOf":
                        schema[key] = new JsonArray(Items(value).Select((v, i) => (JsonNode)Property(v, $"{path}.anyOf[{i}]", depth)).ToArray());
                        break;
                    case "type":
                        schema[key] = TypeName(value, path, dictionary);
                        break;
                    case "enum":
                    case "required":
                    case "propertyOrdering":
                        schema[key] = new JsonArray(Items(value).Select(v => (JsonNode)JsonValue.Create(System.Convert.ToString(v, CultureInfo.InvariantCulture))!).ToArray());
                        break;
                    default:
                        schema[key] = JsonNode.Parse(JsonValues.FromObject(value).GetRawText());
                        break;
                }
            }
            return Complete(schema, path, dictionary);
        }

        private JsonObject Property(object? value, string path, int depth) => value switch
        {
            string typeName when !LooksLikeJson(typeName) => Complete(new JsonObject { ["type"] = TypeName(typeName, path, typeName) }, path, typeName),
            string json => FromJson(ParseText(json), path),
            JsonElement element => FromJson(element, path),
            IDictionary dictionary => FromDictionary(dictionary, path, depth + 1),
            null => throw Invalid($"{path} has no schema.", null),
            _ => _typeHook?.Invoke(value) is JsonElement hooked ? FromJson(hooked, path)
                : throw Invalid($"{path} must be a schema hashtable or a type name such as 'string', not a '{value.GetType().Name}'.", value),
        };

        private static JsonObject FromJson(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Invalid($"{path} must be a JSON object.", element.GetRawText());
            var source = (JsonObject)JsonNode.Parse(element.GetRawText())!;
            var schema = new JsonObject();
            foreach (var pair in source.ToList())
            {
                string key = Keyword(pair.Key, path, element.GetRawText());
                JsonNode? value = pair.Value;
                source.Remove(pair.Key);
                switch (key)
                {
                    case "properties":
                        if (!(value is JsonObject properties)) throw Invalid($"{path}.properties must be an object of property schemas.", element.GetRawText());
                        var converted = new JsonObject();
                        foreach (var property in properties.ToList())
                        {
                            properties.Remove(property.Key);
                            converted[property.Key] = property.Value is JsonValue typeName && typeName.TryGetValue(out string? name)
                                ? Complete(new JsonObject { ["type"] = TypeName(name, $"{path}.properties.{property.Key}", name) }, path, name)
                                : FromJson(ToElement(property.Value!), $"{path}.properties.{property.Key}");
                        }
                        schema[key] = converted;
                        break;
                    case "items":
                        schema[key] = FromJson(ToElement(value!), path + ".items");
                        break;
                    case "anyOf":
                        if (!(value is JsonArray options)) throw Invalid($"{path}.anyOf must be an array of schemas.", element.GetRawText());
                        schema[key] = new JsonArray(options.Select((o, i) => (JsonNode)FromJson(ToElement(o!), $"{path}.anyOf[{i}]")).ToArray());
                        break;
                    case "type":
                        schema[key] = TypeName(value is JsonValue v && v.TryGetValue(out string? declared) ? declared : value?.ToJsonString(), path, element.GetRawText());
                        break;
                    default:
                        schema[key] = value;
                        break;
                }
            }
            return Complete(schema, path, element.GetRawText());
        }

        // Fills in an omitted type and checks what depends on it.
        private static JsonObject Complete(JsonObject schema, string path, object? input)
        {
            if (!schema.ContainsKey("type"))
            {
                if (schema["properties"] != null) schema["type"] = "OBJECT";
                else if (schema["items"] != null) schema["type"] = "ARRAY";
                else if (schema["enum"] != null) schema["type"] = "STRING";
            }
            string? type = AsString(schema["type"]);
            if (type == "ARRAY" && schema["items"] == null)
                throw Invalid($"{path} is an ARRAY without 'items': say what the array holds, e.g. items = 'string'.", input);
            if (schema["properties"] is JsonObject properties && schema["required"] is JsonArray required)
            {
                foreach (var name in required.Select(AsString))
                    if (name == null || !properties.ContainsKey(name))
                        throw Invalid($"{path}.required names '{name}', which is not one of its properties ({string.Join(", ", properties.Select(p => p.Key))}).", input);
            }
            if (schema["properties"] is JsonObject declared && schema["propertyOrdering"] is JsonArray ordering)
            {
                foreach (var name in ordering.Select(AsString))
                    if (name == null || !declared.ContainsKey(name))
                        throw Invalid($"{path}.propertyOrdering names '{name}', which is not one of its properties.", input);
            }
            return InKeywordOrder(schema);
        }

        private static string? AsString(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

        // type first, then the keywords in the API's order, whatever order the hashtable enumerated them in.
        private static JsonObject InKeywordOrder(JsonObject schema)
        {
            var ordered = new JsonObject();
            foreach (var keyword in s_keywords)
            {
                if (!schema.TryGetPropertyValue(keyword, out var value)) continue;
                schema.Remove(keyword);
                ordered[keyword] = value;
            }
            return ordered;
        }

        private static string Keyword(string key, string path, object? input)
        {
            string squashed = FieldNames.Squash(key);
            foreach (var keyword in s_keywords)
                if (FieldNames.Squash(keyword) == squashed) return keyword;
            throw Invalid($"'{key}' at {path} is not a schema keyword the API accepts. Allowed: {string.Join(", ", s_keywords)}.", input,
                "Remove the keyword. For a full JSON Schema ($ref, additionalProperties, ...) set responseJsonSchema in the generation config instead.");
        }

        private static string TypeName(object? value, string path, object? input)
        {
            string? text = value as string ?? (value == null ? null : System.Convert.ToString(value, CultureInfo.InvariantCulture));
            if (text != null && s_typeNames.TryGetValue(text.Trim(), out var name)) return name;
            throw Invalid($"'{text}' at {path}.type is not a schema type. Use string, number, integer, boolean, array or object.", input);
        }

        private IEnumerable<object?> Items(object? value) =>
            value is string || !(value is IEnumerable list) ? new[] { value } : list.Cast<object?>();

        private static bool Has(IDictionary dictionary, string keyword) =>
            dictionary.Keys.Cast<object>().Any(k => FieldNames.Squash(System.Convert.ToString(k, CultureInfo.InvariantCulture) ?? "") == FieldNames.Squash(keyword));

        private static bool LooksLikeJson(string text)
        {
            string trimmed = text.TrimStart();
            return trimmed.StartsWith("{", StringComparison.Ordinal);
        }

        private static JsonElement ToElement(JsonNode node)
        {
            using var document = JsonDocument.Parse(node.ToJsonString());
            return document.RootElement.Clone();
        }

        private static InvalidInputException Invalid(string message, object? input, string? action = null) =>
            new InvalidInputException(ErrorCodes.InvalidSchema, message, input,
                action ?? "Describe the value with type, properties, items, enum, required, description, ... (the API's OpenAPI subset), e.g. @{ type = 'object'; properties = @{ name = 'string'; age = 'integer' }; required = 'name' }.");
    }
}
