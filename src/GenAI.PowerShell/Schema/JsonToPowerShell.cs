using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace GenAI.PowerShell.Schema
{
    /// <summary>
    /// A JSON reply as PowerShell objects, like ConvertFrom-Json: objects become PSCustomObjects (property
    /// order kept), arrays object[], whole numbers Int32 or Int64, other numbers Double. With a target
    /// type, PowerShell's own conversion builds instances of it (a class from its properties).
    /// </summary>
    internal static class JsonToPowerShell
    {
        public static object? ToObject(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject())
                        result.Properties.Add(new PSNoteProperty(property.Name, ToObject(property.Value)));
                    return result;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToObject).ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt32(out int small)) return small;
                    if (element.TryGetInt64(out long large)) return large;
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>An instance of <paramref name="type"/> built from the JSON value (hashtables feed PowerShell's class conversion).</summary>
        public static object? ToType(JsonElement element, Type type) =>
            LanguagePrimitives.ConvertTo(ToPlain(element), type, CultureInfo.InvariantCulture);

        /// <summary>Like <see cref="ToObject"/>, but objects become case-insensitive hashtables.</summary>
        public static object? ToPlain(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in element.EnumerateObject()) table[property.Name] = ToPlain(property.Value);
                    return table;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToPlain).ToArray();
                default:
                    return ToObject(element);
            }
        }

        /// <summary>The JSON inside a reply's text: the whole text, or the body of a ```json fence around it.</summary>
        public static string StripFence(string text)
        {
            string trimmed = text.Trim();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6) return trimmed;
            int firstLine = trimmed.IndexOf('\n');
            return firstLine < 0 ? trimmed : trimmed.Substring(firstLine + 1, trimmed.Length - firstLine - 4).Trim();
        }
    }
}
