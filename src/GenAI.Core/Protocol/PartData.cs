using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>Raw bytes with their MIME type; <see cref="Data"/> is base64 on the wire.</summary>
    public sealed class Blob : JsonExtensible
    {
        [JsonPropertyName("mimeType")]
        public string? MimeType { get; set; }

        [JsonPropertyName("data")]
        public string? Data { get; set; }

        [JsonIgnore]
        public long DecodedLength
        {
            get
            {
                if (string.IsNullOrEmpty(Data)) return 0;
                int padding = Data!.EndsWith("==") ? 2 : Data.EndsWith("=") ? 1 : 0;
                return Data.Length / 4L * 3 - padding;
            }
        }

        public override string ToString() => $"{MimeType} ({DecodedLength} bytes)";
    }

    /// <summary>A reference to a file uploaded with the Files API.</summary>
    public sealed class FileData : JsonExtensible
    {
        [JsonPropertyName("mimeType")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? MimeType { get; set; }

        [JsonPropertyName("fileUri")]
        public string? FileUri { get; set; }
    }

    public sealed class FunctionCall : JsonExtensible
    {
        [JsonPropertyName("id")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("args")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Args { get; set; }

        public override string ToString() => $"{Name}({(Args.HasValue ? Args.Value.GetRawText() : "")})";
    }

    public sealed class FunctionResponse : JsonExtensible
    {
        [JsonPropertyName("id")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("response")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Response { get; set; }
    }

    public sealed class ExecutableCode : JsonExtensible
    {
        [JsonPropertyName("language")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Language { get; set; }

        [JsonPropertyName("code")]
        public string? Code { get; set; }
    }

    public sealed class CodeExecutionResult : JsonExtensible
    {
        [JsonPropertyName("outcome")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Outcome { get; set; }

        [JsonPropertyName("output")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Output { get; set; }
    }
}
