using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    public sealed class CountTokensRequest : JsonExtensible
    {
        [JsonPropertyName("contents")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<Content>? Contents { get; set; }

        /// <summary>Counts a whole request (system instruction, tools, cache); needs its own <c>model</c>.</summary>
        [JsonPropertyName("generateContentRequest")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public GenerateContentRequest? GenerateContentRequest { get; set; }
    }

    public sealed class CountTokensResponse : JsonExtensible
    {
        [JsonPropertyName("totalTokens")]
        public int TotalTokens { get; set; }

        [JsonPropertyName("cachedContentTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? CachedContentTokenCount { get; set; }

        /// <summary>The prompt's tokens by modality (TEXT, IMAGE, ...), as in a reply's usage metadata.</summary>
        [JsonPropertyName("promptTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? PromptTokensDetails { get; set; }

        /// <summary>The cached content's tokens by modality.</summary>
        [JsonPropertyName("cacheTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? CacheTokensDetails { get; set; }

        /// <summary>Always "Api", to tell this count from an offline one (Measure-Tokens -Offline says "Offline").</summary>
        [JsonIgnore]
        public string Source => "Api";

        public override string ToString() => TotalTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
