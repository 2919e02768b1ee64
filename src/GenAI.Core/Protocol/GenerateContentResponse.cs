using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using GenAI.Core.Errors;

namespace GenAI.Core.Protocol
{
    /// <summary>A reply of generateContent, or one chunk of streamGenerateContent.</summary>
    public sealed class GenerateContentResponse : JsonExtensible
    {
        [JsonPropertyName("candidates")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<Candidate>? Candidates { get; set; }

        [JsonPropertyName("promptFeedback")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PromptFeedback? PromptFeedback { get; set; }

        [JsonPropertyName("usageMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public UsageMetadata? UsageMetadata { get; set; }

        [JsonPropertyName("modelVersion")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ModelVersion { get; set; }

        [JsonPropertyName("responseId")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ResponseId { get; set; }

        /// <summary>
        /// The reply as text, by the seed SDK's rules: first (only) candidate, parts rendered and joined
        /// with newlines. Throws when there is no text to give: a blocked prompt, no parts, several
        /// candidates, or a part that is not text-like (a function call).
        /// </summary>
        [JsonIgnore]
        public string Text => ResponseText.Render(this);

        /// <summary>Never throws: the answer text of the first candidate (text parts, thoughts excluded), or "".</summary>
        [JsonIgnore]
        public string TextOrEmpty
        {
            get
            {
                var parts = Candidates?.FirstOrDefault()?.Content?.Parts;
                return parts == null ? "" : string.Concat(parts.Where(p => p.Text != null && p.Thought != true).Select(p => p.Text));
            }
        }

        /// <summary>
        /// Never throws: the first candidate as a reader would want it shown — text, thought summaries as
        /// <c>[thought] ...</c> lines, executed code and its output as fenced blocks, and function calls as
        /// <c>[functionCall name {args}]</c>.
        /// </summary>
        [JsonIgnore]
        public string DisplayText => ResponseText.RenderForDisplay(this);

        /// <summary>The function calls requested by the first candidate.</summary>
        [JsonIgnore]
        public IReadOnlyList<FunctionCall> FunctionCalls =>
            Candidates?.FirstOrDefault()?.Content?.Parts.Where(p => p.FunctionCall != null).Select(p => p.FunctionCall!).ToList()
            ?? (IReadOnlyList<FunctionCall>)new FunctionCall[0];

        [JsonIgnore]
        public string? FinishReason => Candidates?.FirstOrDefault()?.FinishReason;

        /// <summary>
        /// The chunk's position in its stream (0 = first), set by the client as chunks arrive; -1 for a
        /// unary reply and for the combined response of a stream. Never sent or read as JSON.
        /// </summary>
        [JsonIgnore]
        public int ChunkIndex { get; set; } = -1;

        /// <summary>The same for every chunk of one streamed call (tells the streams of a batch apart).</summary>
        [JsonIgnore]
        public System.Guid StreamId { get; set; }

        /// <summary>True for a chunk of a streamed reply.</summary>
        [JsonIgnore]
        public bool IsStreamChunk => ChunkIndex >= 0;

        public override string ToString() => TextOrEmpty;

        protected override void OnRead() => WithoutNulls(Candidates);
    }

    public sealed class Candidate : JsonExtensible
    {
        [JsonPropertyName("content")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Content? Content { get; set; }

        [JsonPropertyName("finishReason")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? FinishReason { get; set; }

        [JsonPropertyName("finishMessage")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? FinishMessage { get; set; }

        [JsonPropertyName("index")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? Index { get; set; }

        [JsonPropertyName("safetyRatings")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<SafetyRating>? SafetyRatings { get; set; }

        [JsonPropertyName("citationMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public CitationMetadata? CitationMetadata { get; set; }

        [JsonPropertyName("tokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TokenCount { get; set; }

        [JsonPropertyName("groundingMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public GroundingMetadata? GroundingMetadata { get; set; }

        [JsonPropertyName("avgLogprobs")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? AvgLogprobs { get; set; }

        /// <summary><c>{logProbabilitySum, topCandidates, chosenCandidates}</c>, when log probabilities were requested.</summary>
        [JsonPropertyName("logprobsResult")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public System.Text.Json.JsonElement? LogprobsResult { get; set; }

        /// <summary>The URLs the url-context tool retrieved.</summary>
        [JsonPropertyName("urlContextMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public System.Text.Json.JsonElement? UrlContextMetadata { get; set; }

        /// <summary>Sources of a grounded answer (GenerateAnswer only).</summary>
        [JsonPropertyName("groundingAttributions")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<System.Text.Json.JsonElement>? GroundingAttributions { get; set; }

        public override string ToString() => Content?.Text ?? "";

        protected override void OnRead() => WithoutNulls(SafetyRatings);
    }

    public sealed class PromptFeedback : JsonExtensible
    {
        [JsonPropertyName("blockReason")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? BlockReason { get; set; }

        [JsonPropertyName("safetyRatings")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<SafetyRating>? SafetyRatings { get; set; }

        public override string ToString() => BlockReason ?? "";

        protected override void OnRead() => WithoutNulls(SafetyRatings);
    }

    public sealed class SafetyRating : JsonExtensible
    {
        [JsonPropertyName("category")]
        public string? Category { get; set; }

        [JsonPropertyName("probability")]
        public string? Probability { get; set; }

        [JsonPropertyName("blocked")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? Blocked { get; set; }

        public override string ToString() => $"{Category}: {Probability}{(Blocked == true ? " (blocked)" : "")}";
    }

    public sealed class CitationMetadata : JsonExtensible
    {
        [JsonPropertyName("citationSources")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<CitationSource>? CitationSources { get; set; }

        protected override void OnRead() => WithoutNulls(CitationSources);
    }

    public sealed class CitationSource : JsonExtensible
    {
        [JsonPropertyName("startIndex")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? StartIndex { get; set; }

        [JsonPropertyName("endIndex")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? EndIndex { get; set; }

        [JsonPropertyName("uri")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Uri { get; set; }

        [JsonPropertyName("license")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? License { get; set; }
    }

    /// <summary>Search grounding: the queries run and the web sources used. Sub-structures stay raw JSON.</summary>
    public sealed class GroundingMetadata : JsonExtensible
    {
        [JsonPropertyName("webSearchQueries")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<string>? WebSearchQueries { get; set; }

        [JsonPropertyName("groundingChunks")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<System.Text.Json.JsonElement>? GroundingChunks { get; set; }

        [JsonPropertyName("groundingSupports")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<System.Text.Json.JsonElement>? GroundingSupports { get; set; }

        [JsonPropertyName("searchEntryPoint")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public System.Text.Json.JsonElement? SearchEntryPoint { get; set; }

        [JsonPropertyName("retrievalMetadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public System.Text.Json.JsonElement? RetrievalMetadata { get; set; }

        /// <summary>The web pages the reply was grounded on (from <see cref="GroundingChunks"/>).</summary>
        [JsonIgnore]
        public IReadOnlyList<GroundingSource> Sources =>
            (GroundingChunks ?? new List<System.Text.Json.JsonElement>())
                .Where(c => c.ValueKind == System.Text.Json.JsonValueKind.Object && c.TryGetProperty("web", out var web) && web.ValueKind == System.Text.Json.JsonValueKind.Object)
                .Select(c => c.GetProperty("web"))
                .Select(web => new GroundingSource(Read(web, "title"), Read(web, "uri")))
                .ToList();

        private static string? Read(System.Text.Json.JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

        public override string ToString() => string.Join("; ", Sources);
    }

    /// <summary>A web page a grounded reply is based on.</summary>
    public sealed class GroundingSource
    {
        public GroundingSource(string? title, string? uri)
        {
            Title = title;
            Uri = uri;
        }

        public string? Title { get; }

        public string? Uri { get; }

        public override string ToString() => $"{Title} <{Uri}>";
    }

    public sealed class UsageMetadata : JsonExtensible
    {
        [JsonPropertyName("promptTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? PromptTokenCount { get; set; }

        [JsonPropertyName("cachedContentTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? CachedContentTokenCount { get; set; }

        [JsonPropertyName("candidatesTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? CandidatesTokenCount { get; set; }

        [JsonPropertyName("toolUsePromptTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? ToolUsePromptTokenCount { get; set; }

        [JsonPropertyName("thoughtsTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? ThoughtsTokenCount { get; set; }

        [JsonPropertyName("totalTokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TotalTokenCount { get; set; }

        [JsonPropertyName("promptTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? PromptTokensDetails { get; set; }

        [JsonPropertyName("cacheTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? CacheTokensDetails { get; set; }

        [JsonPropertyName("candidatesTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? CandidatesTokensDetails { get; set; }

        [JsonPropertyName("toolUsePromptTokensDetails")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ModalityTokenCount>? ToolUsePromptTokensDetails { get; set; }

        public override string ToString() => $"{PromptTokenCount ?? 0} in, {CandidatesTokenCount ?? 0} out, {TotalTokenCount ?? 0} total";
    }

    /// <summary>Tokens of one modality (TEXT, IMAGE, VIDEO, AUDIO, DOCUMENT).</summary>
    public sealed class ModalityTokenCount : JsonExtensible
    {
        [JsonPropertyName("modality")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Modality { get; set; }

        [JsonPropertyName("tokenCount")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TokenCount { get; set; }

        public override string ToString() => $"{Modality}: {TokenCount ?? 0}";
    }
}
