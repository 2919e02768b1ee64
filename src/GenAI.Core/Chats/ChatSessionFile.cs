using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// Saves a chat session as UTF-8 JSON (<see cref="ChatSessionDocument"/>, tagged
    /// <c>"format": "GenAI.ChatSession/1"</c>) and reads it back into a session that continues the
    /// conversation. Reading validates the file and names what is wrong with it.
    /// </summary>
    public static class ChatSessionFile
    {
        private static readonly string[] s_roles = { "user", "model" };

        /// <summary>The session as indented UTF-8 JSON (no byte order mark).</summary>
        /// <param name="omitInlineData">Replace each inline-data part (images, audio, ...) with a short text note instead of keeping its bytes.</param>
        public static byte[] Serialize(ChatSession session, bool omitInlineData = false)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            var model = session.Model;
            Func<Content, Content> prepare = omitInlineData ? WithoutInlineData : (c => c);
            var document = new ChatSessionDocument
            {
                Format = ChatSessionDocument.CurrentFormat,
                Model = model.Name,
                SystemInstruction = model.SystemInstruction == null ? null : prepare(ChatSession.Clone(model.SystemInstruction)),
                GenerationConfig = model.GenerationConfig,
                SafetySettings = model.SafetySettings == null || model.SafetySettings.Count == 0 ? null : model.SafetySettings.ToList(),
                Tools = model.Tools == null || model.Tools.Count == 0 ? null : model.Tools.ToList(),
                ToolConfig = model.ToolConfig,
                CachedContent = model.CachedContent,
                History = session.History.Select(prepare).ToList(),
            };

            using var buffer = new MemoryStream();
            var writerOptions = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using (var writer = new Utf8JsonWriter(buffer, writerOptions))
                JsonSerializer.Serialize(writer, document, GenAIJsonContext.Default.ChatSessionDocument);
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        /// <summary>A session from a file written by <see cref="Serialize"/>.</summary>
        /// <param name="source">The file's name, used in error messages.</param>
        /// <exception cref="InvalidInputException">ErrorCode InvalidChatSessionFile: not JSON, not a session, a newer format, or a malformed field.</exception>
        public static ChatSession Deserialize(byte[] json, string source)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            ReadOnlyMemory<byte> bytes = json;
            if (json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF) bytes = bytes.Slice(3);

            ChatSessionDocument? document;
            try
            {
                using (var parsed = JsonDocument.Parse(bytes))
                    Validate(parsed.RootElement, source);
                document = JsonSerializer.Deserialize(bytes.Span, GenAIJsonContext.Default.ChatSessionDocument);
            }
            catch (JsonException ex)
            {
                if (ex.Path != null && ex.Path != "$")
                    throw Invalid(source, $"the value at {ex.Path} (line {ex.LineNumber + 1}) does not have the expected type");
                throw Invalid(source, $"it is not valid JSON (line {ex.LineNumber + 1}): {FirstSentence(ex.Message)}");
            }

            var model = new GenerativeModel(document!.Model!)
            {
                SystemInstruction = document.SystemInstruction,
                GenerationConfig = document.GenerationConfig,
                SafetySettings = document.SafetySettings ?? new List<SafetySetting>(),
                Tools = document.Tools,
                ToolConfig = document.ToolConfig,
                CachedContent = document.CachedContent,
            };
            return new ChatSession(model, document.History);
        }

        private static void Validate(JsonElement root, string source)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(source, "it is not a chat session (the file holds a JSON " + root.ValueKind.ToString().ToLowerInvariant() + ", not an object)");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
                throw Invalid(source, "it has no \"format\" field, so it is not a saved chat session");
            string tag = format.GetString()!;
            if (!tag.StartsWith(ChatSessionDocument.FormatPrefix, StringComparison.Ordinal))
                throw Invalid(source, $"its format is \"{tag}\", not \"{ChatSessionDocument.CurrentFormat}\"");
            if (tag != ChatSessionDocument.CurrentFormat)
            {
                bool newer = int.TryParse(tag.Substring(ChatSessionDocument.FormatPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 1;
                throw Invalid(source, newer
                    ? $"it was saved in format \"{tag}\" by a newer version of GenAI; this version reads \"{ChatSessionDocument.CurrentFormat}\". Update the GenAI module"
                    : $"its format \"{tag}\" is unknown; this version reads \"{ChatSessionDocument.CurrentFormat}\"");
            }
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(model.GetString()))
                throw Invalid(source, "it has no \"model\" name");
            if (root.TryGetProperty("history", out var history) && history.ValueKind != JsonValueKind.Null)
            {
                if (history.ValueKind != JsonValueKind.Array)
                    throw Invalid(source, "its \"history\" is not a list of contents");
                int index = 0;
                foreach (var content in history.EnumerateArray())
                {
                    ValidateContent(content, $"history[{index}]", source);
                    index++;
                }
            }
            if (root.TryGetProperty("systemInstruction", out var system) && system.ValueKind != JsonValueKind.Null)
                ValidateContent(system, "systemInstruction", source);
        }

        private static void ValidateContent(JsonElement content, string path, string source)
        {
            if (content.ValueKind != JsonValueKind.Object)
                throw Invalid(source, $"{path} is not a content (an object with \"role\" and \"parts\")");
            if (!content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0)
                throw Invalid(source, $"{path} has no parts");
            foreach (var part in parts.EnumerateArray())
                if (part.ValueKind != JsonValueKind.Object)
                    throw Invalid(source, $"{path} has a part that is not an object");
            if (content.TryGetProperty("role", out var role) && role.ValueKind != JsonValueKind.Null
                && (role.ValueKind != JsonValueKind.String || !(role.GetString()!.Length == 0 || s_roles.Contains(role.GetString()))))
                throw Invalid(source, $"{path} has the role {role.GetRawText()}; a role is \"user\" or \"model\"");
        }

        private static Content WithoutInlineData(Content content)
        {
            if (!content.Parts.Any(p => p.InlineData != null)) return content;
            var parts = content.Parts.Select(p => p.InlineData == null ? p : Part.FromText(
                $"[{p.InlineData.MimeType ?? "inline data"}, {p.InlineData.DecodedLength} bytes: omitted when the chat was exported]"));
            return new Content(content.Role, parts) { AdditionalProperties = content.AdditionalProperties };
        }

        private static InvalidInputException Invalid(string source, string problem) =>
            new InvalidInputException(ErrorCodes.InvalidChatSessionFile, $"Cannot import '{source}': {problem}.", source,
                "Pass a saved chat session file (its first field is \"format\": \"" + ChatSessionDocument.CurrentFormat + "\").");

        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            return (end > 0 ? message.Substring(0, end) : message).TrimEnd('.');
        }
    }
}
