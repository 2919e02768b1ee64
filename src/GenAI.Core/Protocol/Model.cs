using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>A model's description from models.list / models.get.</summary>
    public sealed class Model : JsonExtensible
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("baseModelId")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? BaseModelId { get; set; }

        [JsonPropertyName("version")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Version { get; set; }

        [JsonPropertyName("displayName")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? DisplayName { get; set; }

        [JsonPropertyName("description")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Description { get; set; }

        [JsonPropertyName("inputTokenLimit")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? InputTokenLimit { get; set; }

        [JsonPropertyName("outputTokenLimit")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? OutputTokenLimit { get; set; }

        [JsonPropertyName("supportedGenerationMethods")]
        public List<string> SupportedGenerationMethods { get; set; } = new List<string>();

        [JsonPropertyName("temperature")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? Temperature { get; set; }

        [JsonPropertyName("maxTemperature")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? MaxTemperature { get; set; }

        [JsonPropertyName("topP")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TopP { get; set; }

        [JsonPropertyName("topK")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TopK { get; set; }

        [JsonPropertyName("thinking")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? Thinking { get; set; }

        /// <summary>The name without its <c>models/</c> prefix, as users type it.</summary>
        [JsonIgnore]
        public string Id => Name.StartsWith("models/", System.StringComparison.Ordinal) ? Name.Substring(7) : Name;

        public override string ToString() => Name;

        protected override void OnRead()
        {
            Name ??= "";
            SupportedGenerationMethods = WithoutNulls(SupportedGenerationMethods) ?? new List<string>();
        }
    }

    public sealed class ListModelsResponse : JsonExtensible
    {
        [JsonPropertyName("models")]
        public List<Model> Models { get; set; } = new List<Model>();

        protected override void OnRead() => Models = WithoutNulls(Models) ?? new List<Model>();

        [JsonPropertyName("nextPageToken")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? NextPageToken { get; set; }
    }
}
