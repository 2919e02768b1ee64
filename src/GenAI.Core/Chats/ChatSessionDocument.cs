using System.Collections.Generic;
using System.Text.Json.Serialization;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// The saved form of a chat session: the format tag, the model's name and defaults, and the history.
    /// It has no place for a key or an endpoint: a session never holds them.
    /// </summary>
    public sealed class ChatSessionDocument
    {
        /// <summary>The format tag written into every file; a reader accepts this major version only.</summary>
        public const string CurrentFormat = FormatPrefix + "1";

        internal const string FormatPrefix = "GenAI.ChatSession/";

        [JsonPropertyName("format")]
        public string? Format { get; set; }

        [JsonPropertyName("model")]
        public string? Model { get; set; }

        [JsonPropertyName("systemInstruction")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Content? SystemInstruction { get; set; }

        [JsonPropertyName("generationConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public GenerationConfig? GenerationConfig { get; set; }

        [JsonPropertyName("safetySettings")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<SafetySetting>? SafetySettings { get; set; }

        [JsonPropertyName("tools")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<Tool>? Tools { get; set; }

        [JsonPropertyName("toolConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ToolConfig? ToolConfig { get; set; }

        [JsonPropertyName("cachedContent")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CachedContent { get; set; }

        [JsonPropertyName("history")]
        public List<Content>? History { get; set; }
    }
}
