using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>Renders a <see cref="ReplyPlan"/> as one unary GenerateContentResponse.</summary>
internal static class ResponseFactory
{
    public static JsonObject Unary(ReplyPlan plan)
    {
        var response = new JsonObject();
        int candidateTokens = 0;
        if (plan.Candidates.Count > 0)
        {
            var candidates = new JsonArray();
            foreach (CandidatePlan candidate in plan.Candidates)
            {
                candidates.Add(Candidate(candidate, out int tokens));
                candidateTokens += tokens;
            }

            response["candidates"] = candidates;
        }

        if (plan.PromptFeedback is not null)
        {
            response["promptFeedback"] = plan.PromptFeedback.DeepClone();
        }

        response["usageMetadata"] = UsageMetadata.Build(plan.PromptTokens, plan.CachedTokens, candidateTokens);
        response["modelVersion"] = plan.ModelVersion;
        response["responseId"] = plan.ResponseId;
        return response;
    }

    /// <summary>All parts of a candidate in reply order (leading tool parts, then call or text).</summary>
    public static JsonArray Parts(CandidatePlan candidate)
    {
        var parts = new JsonArray(candidate.LeadingParts.Select(p => (JsonNode?)p.DeepClone()).ToArray());
        if (candidate.FunctionCall is not null)
        {
            parts.Add(Signed(new JsonObject { ["functionCall"] = candidate.FunctionCall.DeepClone() }, candidate.ThoughtSignature));
        }
        else if (candidate.Text is not null)
        {
            parts.Add(Signed(new JsonObject { ["text"] = candidate.Text }, candidate.ThoughtSignature));
        }

        foreach (JsonObject media in candidate.MediaParts)
        {
            parts.Add(media.DeepClone());
        }

        return parts;
    }

    public static JsonObject Signed(JsonObject part, string? signature)
    {
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    public static int CountTokens(JsonArray parts)
    {
        var tally = new TokenTally();
        foreach (JsonObject part in parts.OfType<JsonObject>())
        {
            TokenCounter.CountPart(part, tally);
        }

        return tally.Total;
    }

    private static JsonObject Candidate(CandidatePlan plan, out int tokens)
    {
        var candidate = new JsonObject();
        tokens = 0;
        if (!plan.WithholdContent)
        {
            JsonArray parts = Parts(plan);
            tokens = CountTokens(parts);
            candidate["content"] = new JsonObject { ["parts"] = parts, ["role"] = "model" };
        }

        AddFinish(candidate, plan);
        return candidate;
    }

    /// <summary>finishReason, index, safetyRatings and per-candidate metadata (final chunk / unary).</summary>
    public static void AddFinish(JsonObject candidate, CandidatePlan plan)
    {
        candidate["finishReason"] = plan.FinishReason;
        candidate["index"] = plan.Index;
        candidate["safetyRatings"] = plan.SafetyRatings.DeepClone();
        if (plan.CitationMetadata is not null)
        {
            candidate["citationMetadata"] = plan.CitationMetadata.DeepClone();
        }

        if (plan.GroundingMetadata is not null)
        {
            candidate["groundingMetadata"] = plan.GroundingMetadata.DeepClone();
        }
    }
}
