using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Scenarios;
using GenAI.Emulator.Engine.Streaming;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Decides the reply for a generate call: echo text, function call, tool extras and scenario outcomes.</summary>
internal static class ReplyPlanner
{
    /// <param name="context">The call.</param>
    /// <param name="textOverride">Replaces the echo text (fault-oversized).</param>
    /// <param name="minStreamPieces">Pads the text so it streams in at least this many chunks (fault-midstream-N, fault-reset-after-N).</param>
    public static ReplyPlan Plan(GenerationContext context, string? textOverride = null, int minStreamPieces = 0)
    {
        var plan = new ReplyPlan
        {
            PromptTokens = context.PromptTokens(),
            CachedTokens = context.CachedTokens(),
            ModelVersion = context.Model.ResponseModelVersion,
            ResponseId = context.ResponseId,
        };

        if (context.Kind == ScenarioKind.Blocked)
        {
            plan.PromptFeedback = new JsonObject { ["blockReason"] = "SAFETY", ["safetyRatings"] = SafetyRatings.HateSpeechHigh(blocked: false) };
            return plan;
        }

        GenerationSettings settings = context.Request.Settings;
        JsonObject? functionCall = textOverride is null ? FunctionCallPlanner.TryPlan(context.LastContent, context.Tools, context.ToolConfig) : null;
        string baseText = textOverride ?? BaseText(context);
        for (int i = 0; i < settings.CandidateCount; i++)
        {
            var candidate = new CandidatePlan { Index = i };
            plan.Candidates.Add(candidate);
            if (functionCall is not null)
            {
                candidate.FunctionCall = functionCall.DeepClone().AsObject();
                candidate.ThoughtSignature = context.Model.Gemini3 ? ThoughtSignatures.For(context.ResponseId, "call " + i) : null;
                continue;
            }

            string text = i == 0 ? baseText : $"{baseText} (candidate {i})";
            if (textOverride is null)
            {
                text = Shape(text, settings, candidate);
                if (i == 0 && minStreamPieces > 0)
                {
                    while (StreamChunker.PieceCount(text) < minStreamPieces)
                    {
                        text += " more";
                    }
                }
            }

            candidate.Text = text;
            candidate.ThoughtSignature = context.Model.Gemini3 ? ThoughtSignatures.For(context.ResponseId, "text " + i) : null;
            MediaReply.Add(context, candidate, text, i);
            AddToolExtras(context, candidate, text);
            ApplyScenario(context.Kind, candidate, text);
        }

        return plan;
    }

    private static string BaseText(GenerationContext context)
    {
        JsonObject? last = context.LastContent;
        if (last is not null && EchoText.HasFunctionResponse(last))
        {
            return EchoText.ForFunctionResponses(last);
        }

        string echo = EchoText.For(last);
        GenerationSettings settings = context.Request.Settings;
        switch (settings.ResponseMimeType)
        {
            case "application/json":
                return settings.ResponseSchema is null
                    ? new JsonObject { ["text"] = echo }.ToJsonString()
                    : SchemaValues.Build(settings.ResponseSchema)?.ToJsonString() ?? "null";
            case "text/x.enum":
                return (settings.ResponseSchema?["enum"] as JsonArray)?.Select(JsonRead.TryString).FirstOrDefault(v => v is not null) ?? echo;
            default:
                return echo;
        }
    }

    private static string Shape(string text, GenerationSettings settings, CandidatePlan candidate)
    {
        text = TextShaping.ApplyStopSequences(text, settings.StopSequences);
        if (settings.MaxOutputTokens is { } max && TextShaping.TryTruncateWords(text, max, out string truncated))
        {
            candidate.FinishReason = "MAX_TOKENS";
            return truncated;
        }

        return text;
    }

    private static void AddToolExtras(GenerationContext context, CandidatePlan candidate, string text)
    {
        if (ToolEffects.Has(context.Tools, "codeExecution"))
        {
            candidate.LeadingParts.AddRange(ToolEffects.CodeExecutionParts(text));
        }

        if (ToolEffects.Has(context.Tools, "googleSearch", "googleSearchRetrieval"))
        {
            candidate.GroundingMetadata = ToolEffects.Grounding(EchoText.PlainText(context.LastContent), text);
        }
    }

    private static void ApplyScenario(ScenarioKind? kind, CandidatePlan candidate, string text)
    {
        switch (kind)
        {
            case ScenarioKind.SafetyStop:
                candidate.FinishReason = "SAFETY";
                candidate.SafetyRatings = SafetyRatings.HateSpeechHigh(blocked: true);
                candidate.WithholdContent = true;
                candidate.LeadingParts.Clear();
                break;
            case ScenarioKind.Recitation:
                candidate.FinishReason = "RECITATION";
                candidate.CitationMetadata = ToolEffects.Citation(text);
                candidate.WithholdContent = true;
                candidate.LeadingParts.Clear();
                break;
        }
    }
}
