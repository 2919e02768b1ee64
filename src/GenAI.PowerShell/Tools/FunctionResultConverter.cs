using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GenAI.Core.Input;
using GenAI.Core.Tools;

namespace GenAI.PowerShell.Tools
{
    /// <summary>
    /// A command's output as the functionResponse the model reads. Data (strings, numbers, hashtables,
    /// PSCustomObjects) travels as JSON: one hashtable or object is the response itself, anything else is
    /// <c>{"result": ...}</c> (the seed's rule). Rich .NET objects (processes, files) travel as the text
    /// PowerShell would show for them (<c>Out-String</c>), which names their useful properties compactly.
    /// </summary>
    internal static class FunctionResultConverter
    {
        public const int MaxItems = 200;
        public const int MaxTextLength = 20000;

        // As deep as JSON values may nest (JsonValues refuses deeper ones).
        private const int MaxDepth = 64;

        private static readonly ScriptBlock s_outString = ScriptBlock.Create("param($items) $items | Out-String -Width 160");

        /// <param name="multimodal">The model reads files in function responses: media output (image, audio, PDF files,
        /// blobs) goes into the response's parts; otherwise it is described in the JSON only.</param>
        public static FunctionResult ToResult(IReadOnlyList<object?> output, IReadOnlyList<string> errors, PSCmdlet cmdlet, bool multimodal)
        {
            var media = FunctionMediaOutput.Split(output, out var rest);
            if (media.Count == 0) return new FunctionResult(ToResponse(output, errors, cmdlet));
            var response = rest.Count == 0 && errors.Count == 0
                ? JsonValues.FromObject(new Dictionary<string, object?> { ["result"] = FunctionMediaOutput.Describe(media, multimodal) })
                : ToResponse(rest, errors, cmdlet);
            if (!multimodal)
            {
                cmdlet.WriteWarning($"The command returned {media.Count} file(s); this model does not read files in function responses, so only their names and types were sent.");
                if (rest.Count > 0 || errors.Count > 0)
                    response = WithFiles(response, FunctionMediaOutput.Describe(media, multimodal));
                return new FunctionResult(response);
            }
            if (rest.Count > 0 || errors.Count > 0) response = WithFiles(response, FunctionMediaOutput.Describe(media, multimodal));
            return new FunctionResult(response, media.Select(m => m.Part).ToList());
        }

        private static JsonElement WithFiles(JsonElement response, string files)
        {
            var merged = new OrderedDictionary();
            foreach (var property in response.EnumerateObject()) merged[property.Name] = property.Value;
            merged["files"] = files;
            return JsonValues.FromObject(ToData(merged));
        }

        public static JsonElement ToResponse(IReadOnlyList<object?> output, IReadOnlyList<string> errors, PSCmdlet cmdlet)
        {
            if (output.Count == 0 && errors.Count > 0) return Error(string.Join(" ", errors));
            var response = new OrderedDictionary();
            var items = output.Take(MaxItems).ToList();
            if (items.All(IsData))
            {
                if (items.Count == 1 && Unwrap(items[0]) is object single && (single is IDictionary || IsCustomObject(items[0])) && errors.Count == 0)
                    return JsonValues.FromObject(ToData(items[0]));
                response["result"] = items.Count == 0 ? null : items.Count == 1 ? items[0] : (object)items;
            }
            else
            {
                string text = cmdlet.InvokeCommand.InvokeScript(false, s_outString, null, new object[] { items.ToArray() })
                    .Select(o => o?.BaseObject?.ToString()).FirstOrDefault() ?? "";
                text = text.Trim('\r', '\n');
                if (text.Length > MaxTextLength) text = text.Substring(0, MaxTextLength) + "\n[output truncated]";
                response["result"] = text;
            }
            if (output.Count > MaxItems) response["truncated"] = $"The command wrote {output.Count} objects; the first {MaxItems} are shown.";
            if (errors.Count > 0) response["errors"] = errors.ToList();
            return JsonValues.FromObject(ToData(response));
        }

        /// <summary><paramref name="result"/> with every occurrence of <paramref name="key"/> in it replaced by <c>***</c>.</summary>
        public static JsonElement RedactKey(JsonElement result, string? key)
        {
            string raw = result.GetRawText();
            string redacted = Configuration.KeyMask.RedactJson(raw, key);
            if (ReferenceEquals(raw, redacted) || raw == redacted) return result;
            using var document = JsonDocument.Parse(redacted);
            return document.RootElement.Clone();
        }

        public static JsonElement Error(string message) => JsonValues.FromObject(new Dictionary<string, object?> { ["error"] = message });

        private static bool IsData(object? value)
        {
            value = Unwrap(value);
            return value == null || IsScalar(value) || value is IDictionary || IsCustomObject(value)
                || (value is IEnumerable items && !(value is string) && items.Cast<object?>().All(IsData));
        }

        private static bool IsScalar(object value) =>
            value is string || value is char || value is bool || value is Enum || value is DateTime || value is DateTimeOffset || value is Guid
            || value is TimeSpan || value is Uri || value is Version
            || value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint || value is long || value is ulong
            || value is float || value is double || value is decimal;

        private static bool IsCustomObject(object? value) => value is PSObject ps && ps.BaseObject is PSCustomObject;

        private static object? Unwrap(object? value) => value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;

        /// <summary>
        /// The value as plain JSON data, all the way down: PSCustomObjects become ordered dictionaries, lists become
        /// lists, and rich objects nested in data become their text. Values deeper than JSON allows, and cycles, are
        /// left as they are for <see cref="JsonValues"/> to refuse.
        /// </summary>
        private static object? ToData(object? value) => ToData(value, 0, new HashSet<object>());

        private static object? ToData(object? value, int depth, HashSet<object> open)
        {
            value = Unwrap(value);
            if (value == null || IsScalar(value)) return value switch
            {
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                Uri uri => uri.ToString(),
                Version version => version.ToString(),
                Guid guid => guid.ToString(),
                _ => value,
            };
            if (!(value is PSObject) && !(value is IEnumerable)) return value.ToString();
            if (depth > MaxDepth || !open.Add(value)) return value;
            object data;
            if (value is PSObject custom)
            {
                var properties = new OrderedDictionary();
                foreach (var property in custom.Properties.Where(p => p.IsGettable))
                    properties[property.Name] = ToData(SafeValue(property), depth + 1, open);
                data = properties;
            }
            else if (value is IDictionary dictionary)
            {
                var entries = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary) entries[entry.Key] = ToData(entry.Value, depth + 1, open);
                data = entries;
            }
            else
            {
                data = ((IEnumerable)value).Cast<object?>().Select(item => ToData(item, depth + 1, open)).ToList();
            }
            open.Remove(value);
            return data;
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (Exception ex) when (ex is GetValueException || ex is InvalidOperationException)
            {
                return null;
            }
        }
    }
}
