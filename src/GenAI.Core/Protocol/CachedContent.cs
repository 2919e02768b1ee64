using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>A context cache. Contents, system instruction and tools are input only: the service never returns them.</summary>
    public sealed class CachedContent : JsonExtensible
    {
        [JsonPropertyName("name")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Name { get; set; }

        [JsonPropertyName("displayName")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? DisplayName { get; set; }

        [JsonPropertyName("model")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Model { get; set; }

        [JsonPropertyName("systemInstruction")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Content? SystemInstruction { get; set; }

        [JsonPropertyName("contents")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<Content>? Contents { get; set; }

        [JsonPropertyName("tools")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<Tool>? Tools { get; set; }

        [JsonPropertyName("toolConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ToolConfig? ToolConfig { get; set; }

        [JsonPropertyName("createTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CreateTime { get; set; }

        [JsonPropertyName("updateTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? UpdateTime { get; set; }

        [JsonPropertyName("expireTime")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ExpireTime { get; set; }

        /// <summary>Input only, e.g. "300s".</summary>
        [JsonPropertyName("ttl")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Ttl { get; set; }

        [JsonPropertyName("usageMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public CachedContentUsage? UsageMetadata { get; set; }

        public override string ToString() => Name ?? "";
    }

    public sealed class CachedContentUsage : JsonExtensible
    {
        [JsonPropertyName("totalTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TotalTokenCount { get; set; }
    }

    public sealed class ListCachedContentsResponse : JsonExtensible
    {
        [JsonPropertyName("cachedContents")]
        public List<CachedContent> CachedContents { get; set; } = new List<CachedContent>();

        [JsonPropertyName("nextPageToken")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? NextPageToken { get; set; }
    }
}
