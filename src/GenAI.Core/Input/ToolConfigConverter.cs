using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// A tool config the way the seed SDK accepts it (https://ai.google.dev/api/caching#ToolConfig): a mode alone (<c>'any'</c>,
    /// <c>'MODE_ANY'</c>, 2), a hashtable <c>@{ mode = 'any'; allowedFunctionNames = 'f' }</c>, the full
    /// <c>@{ functionCallingConfig = @{ ... } }</c> shape (whose functionCallingConfig may itself be a mode alone or a
    /// typed config), or a config object. What the service decides (allowedFunctionNames with AUTO) is not refused here.
    /// </summary>
    public static class ToolConfigConverter
    {
        /// <summary>The function calling modes: AUTO (text or a call), ANY (must call), NONE (no calls), VALIDATED.</summary>
        public static readonly IReadOnlyList<string> Modes = new[] { "AUTO", "ANY", "NONE", "VALIDATED", "MODE_UNSPECIFIED" };

        private static readonly string[] s_modeByNumber = { "MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED" };

        public static ToolConfig Convert(object value)
        {
            if (value == null) throw Invalid("The tool config is empty.", null);
            switch (value)
            {
                case ToolConfig given:
                    return given;
                case FunctionCallingConfig calling:
                    return new ToolConfig { FunctionCallingConfig = calling };
                case JsonElement element:
                    return Convert(JsonToDictionary(element));
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal):
                    return Convert(Parse(text));
                case IDictionary dictionary:
                    var wrapped = Get(dictionary, "functionCallingConfig");
                    var config = new ToolConfig();
                    if (wrapped.Found)
                    {
                        config.FunctionCallingConfig = CallingFrom(wrapped.Value, dictionary);
                        var extra = DictionaryEntries.Of(dictionary)
                            .Where(e => FieldNames.Squash(Key(e)) != "functioncallingconfig")
                            .ToDictionary(e => FieldNames.ToCamel(Key(e)), e => JsonValues.FromObject(e.Value));
                        if (extra.Count > 0) config.AdditionalProperties = extra;
                    }
                    else
                    {
                        config.FunctionCallingConfig = Calling(dictionary, dictionary);
                    }
                    return config;
                default:
                    return new ToolConfig { FunctionCallingConfig = new FunctionCallingConfig { Mode = NormalizeMode(value) } };
            }
        }

        /// <summary>The mode's enum name from a name (any case, with or without MODE_) or a number.</summary>
        public static string NormalizeMode(object? value)
        {
            string text = System.Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= 0 && number < s_modeByNumber.Length)
                return s_modeByNumber[number];
            string upper = text.ToUpperInvariant();
            if (upper.StartsWith("MODE_", StringComparison.Ordinal) && upper != "MODE_UNSPECIFIED") upper = upper.Substring(5);
            if (Modes.Contains(upper)) return upper;
            throw Invalid($"'{value}' is not a function calling mode. Use AUTO, ANY, NONE or VALIDATED.", value);
        }

        // The seed accepts a function calling config in any of its forms: the typed config, a hashtable, or a mode alone.
        private static FunctionCallingConfig CallingFrom(object? value, object input) => value switch
        {
            null => throw Invalid("functionCallingConfig is empty; give a mode such as 'ANY' or @{ mode = 'ANY' }.", input),
            FunctionCallingConfig typed => typed,
            IDictionary dictionary => Calling(dictionary, input),
            JsonElement element => Calling(JsonToDictionary(element), input),
            _ => new FunctionCallingConfig { Mode = NormalizeMode(value) },
        };

        private static FunctionCallingConfig Calling(IDictionary dictionary, object input)
        {
            var result = new FunctionCallingConfig();
            foreach (DictionaryEntry entry in dictionary)
            {
                switch (FieldNames.Squash(Key(entry)))
                {
                    case "mode":
                        result.Mode = NormalizeMode(entry.Value);
                        break;
                    case "allowedfunctionnames":
                        var names = entry.Value;
                        result.AllowedFunctionNames = (names is string || !(names is IEnumerable list) ? new[] { names } : list.Cast<object?>())
                            .Where(n => n != null).Select(n => System.Convert.ToString(n, CultureInfo.InvariantCulture)!).ToList();
                        break;
                    default:
                        throw Invalid($"'{Key(entry)}' is not a field of the function calling config (mode, allowedFunctionNames).", input);
                }
            }
            // allowedFunctionNames with another mode than ANY is the service's to accept or refuse (the seed sends it).
            return result;
        }

        private static (bool Found, object? Value) Get(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
                if (FieldNames.Squash(Key(entry)) == FieldNames.Squash(key)) return (true, entry.Value);
            return (false, null);
        }

        private static string Key(DictionaryEntry entry) => System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";

        private static IDictionary JsonToDictionary(JsonElement element)
        {
            // Hashtables: their entries enumerate as DictionaryEntry, as the IDictionary code above expects.
            if (element.ValueKind != JsonValueKind.Object) return new Hashtable { ["mode"] = element.ToString() };
            var result = new Hashtable();
            foreach (var property in element.EnumerateObject())
                result[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Object => JsonToDictionary(property.Value),
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(v => (object?)v.ToString()).ToList(),
                    _ => property.Value.ToString(),
                };
            return result;
        }

        private static JsonElement Parse(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw Invalid($"The tool config text is not valid JSON: {ex.Message}", text);
            }
        }

        private static InvalidInputException Invalid(string message, object? input) =>
            new InvalidInputException(ErrorCodes.InvalidToolConfig, message, input,
                "Pass a mode ('AUTO', 'ANY', 'NONE') or @{ mode = 'ANY'; allowedFunctionNames = 'get_weather' }.");
    }
}
