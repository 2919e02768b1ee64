using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>A file uploaded with the Files API. Usable in prompts once <see cref="State"/> is ACTIVE.</summary>
    public sealed class GenAIFile : JsonExtensible
    {
        [JsonPropertyName("name")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Name { get; set; }

        [JsonPropertyName("displayName")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? DisplayName { get; set; }

        [JsonPropertyName("mimeType")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? MimeType { get; set; }

        /// <summary>int64 travels as a JSON string.</summary>
        [JsonPropertyName("sizeBytes")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long? SizeBytes { get; set; }

        [JsonPropertyName("createTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CreateTime { get; set; }

        [JsonPropertyName("updateTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? UpdateTime { get; set; }

        [JsonPropertyName("expirationTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ExpirationTime { get; set; }

        [JsonPropertyName("sha256Hash")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Sha256Hash { get; set; }

        [JsonPropertyName("uri")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Uri { get; set; }

        /// <summary>STATE_UNSPECIFIED, PROCESSING, ACTIVE or FAILED.</summary>
        [JsonPropertyName("state")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? State { get; set; }

        [JsonPropertyName("source")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Source { get; set; }

        [JsonPropertyName("error")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ErrorStatus? Error { get; set; }

        public override string ToString() => Name ?? "";
    }

    public sealed class ListFilesResponse : JsonExtensible
    {
        [JsonPropertyName("files")]
        public List<GenAIFile> Files { get; set; } = new List<GenAIFile>();

        [JsonPropertyName("nextPageToken")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? NextPageToken { get; set; }
    }

    /// <summary>The <c>{"file": {...}}</c> envelope of an upload reply.</summary>
    public sealed class FileEnvelope
    {
        [JsonPropertyName("file")]
        public GenAIFile? File { get; set; }
    }
}
