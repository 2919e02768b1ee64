using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// Reads the free-form JSON of a reply (function arguments, grounding metadata, unknown fields) and rejects
    /// text that JSON allows but UTF-16 does not: an escaped lone surrogate (<c>"\ud800"</c>). The typed string
    /// fields already fail on it when read; without this a free-form value read fine and then could not be
    /// written back (chat history, an exported session, the next request), far from the reply that carried it.
    /// </summary>
    internal sealed class ValidatedJsonElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            try
            {
                CheckText(element);
            }
            catch (InvalidOperationException ex)
            {
                throw new JsonException($"The JSON value holds text that is not valid UTF-16: {ex.Message}", ex);
            }
            return element;
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        // Reading each name and string decodes it, which throws InvalidOperationException for a lone surrogate.
        private static void CheckText(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        CheckText(property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) CheckText(item);
                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }
}
