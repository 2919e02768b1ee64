using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>A tool the model may use. Built-in tools are empty objects (<c>{}</c>) when enabled.</summary>
    public sealed class Tool : JsonExtensible
    {
        [JsonPropertyName("functionDeclarations")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<FunctionDeclaration>? FunctionDeclarations { get; set; }

        [JsonPropertyName("codeExecution")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? CodeExecution { get; set; }

        [JsonPropertyName("googleSearch")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? GoogleSearch { get; set; }

        [JsonPropertyName("googleSearchRetrieval")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? GoogleSearchRetrieval { get; set; }

        [JsonPropertyName("urlContext")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? UrlContext { get; set; }

        /// <summary>The declared function names and enabled built-in tools, e.g. "Get-Weather, codeExecution".</summary>
        public override string ToString()
        {
            var names = new List<string>();
            if (FunctionDeclarations != null) names.AddRange(FunctionDeclarations.ConvertAll(d => d.Name ?? ""));
            if (CodeExecution.HasValue) names.Add("codeExecution");
            if (GoogleSearch.HasValue) names.Add("googleSearch");
            if (GoogleSearchRetrieval.HasValue) names.Add("googleSearchRetrieval");
            if (UrlContext.HasValue) names.Add("urlContext");
            if (AdditionalProperties != null) names.AddRange(AdditionalProperties.Keys);
            return string.Join(", ", names);
        }
    }

    public sealed class FunctionDeclaration : JsonExtensible
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("description")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Description { get; set; }

        /// <summary>OpenAPI-subset schema of type OBJECT.</summary>
        [JsonPropertyName("parameters")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Parameters { get; set; }

        [JsonPropertyName("parametersJsonSchema")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? ParametersJsonSchema { get; set; }

        [JsonPropertyName("response")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JsonElement? Response { get; set; }

        public override string ToString() => Name ?? "";
    }

    public sealed class ToolConfig : JsonExtensible
    {
        [JsonPropertyName("functionCallingConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FunctionCallingConfig? FunctionCallingConfig { get; set; }

        public override string ToString() => FunctionCallingConfig?.ToString() ?? "";
    }

    public sealed class FunctionCallingConfig : JsonExtensible
    {
        /// <summary>AUTO, ANY, NONE (or VALIDATED).</summary>
        [JsonPropertyName("mode")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Mode { get; set; }

        [JsonPropertyName("allowedFunctionNames")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<string>? AllowedFunctionNames { get; set; }

        public override string ToString() =>
            (Mode ?? "AUTO") + (AllowedFunctionNames?.Count > 0 ? " (" + string.Join(", ", AllowedFunctionNames) + ")" : "");
    }
}
