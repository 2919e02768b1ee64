using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>One candidate of a planned reply, before it is rendered as a unary body or as stream chunks.</summary>
internal sealed class CandidatePlan
{
    public int Index { get; init; }

    /// <summary>Parts before the text (executableCode, codeExecutionResult).</summary>
    public List<JsonObject> LeadingParts { get; } = new();

    /// <summary>Reply text; null for a function call.</summary>
    public string? Text { get; set; }

    public JsonObject? FunctionCall { get; set; }

    /// <summary>Generated images or speech (inlineData parts), after the text.</summary>
    public List<JsonObject> MediaParts { get; } = new();

    /// <summary>Gemini 3: the thought signature of the function call, or of the text (its last part; a final empty-text chunk when streamed).</summary>
    public string? ThoughtSignature { get; set; }

    public string FinishReason { get; set; } = "STOP";

    public JsonArray SafetyRatings { get; set; } = Generation.SafetyRatings.AllNegligible();

    public JsonObject? GroundingMetadata { get; set; }

    public JsonObject? CitationMetadata { get; set; }

    /// <summary>
    /// Safety / recitation stops: the final candidate carries no content. A stream still shows
    /// <see cref="StreamedWordsBeforeStop"/> words of <see cref="Text"/> first.
    /// </summary>
    public bool WithholdContent { get; set; }

    public int StreamedWordsBeforeStop { get; set; } = 2;
}

/// <summary>The whole planned reply: candidates (none when the prompt is blocked) and usage inputs.</summary>
internal sealed class ReplyPlan
{
    public List<CandidatePlan> Candidates { get; } = new();

    public JsonObject? PromptFeedback { get; set; }

    /// <summary>Prompt tokens, including the cached content's.</summary>
    public required TokenTally PromptTokens { get; init; }

    public required TokenTally CachedTokens { get; init; }

    public required string ModelVersion { get; init; }

    public required string ResponseId { get; init; }
}
