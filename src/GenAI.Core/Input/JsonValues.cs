using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text.Json;
using GenAI.Core.Errors;

namespace GenAI.Core.Input
{
    /// <summary>Turns plain .NET values (dictionaries, lists, primitives) into JSON, e.g. for function arguments.</summary>
    public static class JsonValues
    {
        public static JsonElement FromObject(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
                Write(writer, value, 0);
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > 64)
                throw new InvalidInputException(ErrorCodes.NestedTooDeep, "The value is nested more than 64 levels deep.", value,
                    "Flatten the hashtables and lists passed as arguments; JSON values may nest at most 64 levels.");
            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                case JsonElement element: element.WriteTo(writer); return;
                case string s: writer.WriteStringValue(s); return;
                case char c: writer.WriteStringValue(c.ToString()); return;
                case bool b: writer.WriteBooleanValue(b); return;
                case Enum e: writer.WriteStringValue(e.ToString()); return;
                case DateTime dt: writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); return;
                case DateTimeOffset dto: writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture)); return;
                case ulong big:
                    writer.WriteNumberValue(big); return;
                case byte or sbyte or short or ushort or int or uint or long:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); return;
                case decimal money:
                    writer.WriteNumberValue(money); return;
                case float or double:
                    double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    // JSON has no NaN or infinities; proto3 JSON spells them as these strings.
                    if (double.IsNaN(number)) writer.WriteStringValue("NaN");
                    else if (double.IsInfinity(number)) writer.WriteStringValue(number > 0 ? "Infinity" : "-Infinity");
                    else writer.WriteNumberValue(number);
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                        if (!names.Add(name))
                            throw new InvalidInputException(ErrorCodes.DuplicateKey, $"Two keys of a hashtable both read as '{name}'.", dictionary,
                                "Give each key of the hashtable a distinct name.");
                        writer.WritePropertyName(name);
                        Write(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    return;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }
    }
}
