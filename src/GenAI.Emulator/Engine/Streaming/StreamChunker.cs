using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Generation;
using GenAI.Emulator.Engine.Tokens;

namespace GenAI.Emulator.Engine.Streaming;

/// <summary>
/// Renders a <see cref="ReplyPlan"/> as stream chunks: tool parts and function calls whole, text one
/// word (plus its following whitespace) per chunk. Every chunk carries running usage, modelVersion and
/// responseId; a candidate's finishReason and safetyRatings come with its last chunk.
/// </summary>
internal static class StreamChunker
{
    private sealed record Piece(JsonArray? Parts, int Tokens, bool Final);

    public static List<JsonObject> Chunks(ReplyPlan plan)
    {
        if (plan.Candidates.Count == 0)
        {
            return new List<JsonObject> { ResponseFactory.Unary(plan) };
        }

        List<List<Piece>> pieces = plan.Candidates.Select(PiecesOf).ToList();
        int chunkCount = pieces.Max(p => p.Count);
        var chunks = new List<JsonObject>(chunkCount);
        int emittedTokens = 0;
        for (int k = 0; k < chunkCount; k++)
        {
            var candidates = new JsonArray();
            for (int c = 0; c < plan.Candidates.Count; c++)
            {
                if (k >= pieces[c].Count)
                {
                    continue;
                }

                Piece piece = pieces[c][k];
                emittedTokens += piece.Tokens;
                candidates.Add(Candidate(plan.Candidates[c], piece));
            }

            var chunk = new JsonObject { ["candidates"] = candidates };
            if (k == 0 && plan.PromptFeedback is not null)
            {
                chunk["promptFeedback"] = plan.PromptFeedback.DeepClone();
            }

            chunk["usageMetadata"] = UsageMetadata.Build(plan.PromptTokens, plan.CachedTokens, emittedTokens);
            chunk["modelVersion"] = plan.ModelVersion;
            chunk["responseId"] = plan.ResponseId;
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>The number of text pieces <paramref name="text"/> streams as.</summary>
    public static int PieceCount(string text) => TextShaping.SplitWords(text).Count;

    private static JsonObject Candidate(CandidatePlan plan, Piece piece)
    {
        var candidate = new JsonObject();
        if (piece.Parts is not null)
        {
            candidate["content"] = new JsonObject { ["parts"] = piece.Parts, ["role"] = "model" };
        }

        if (piece.Final)
        {
            ResponseFactory.AddFinish(candidate, plan);
        }
        else
        {
            candidate["index"] = plan.Index;
        }

        return candidate;
    }

    private static List<Piece> PiecesOf(CandidatePlan plan)
    {
        var pieces = plan.LeadingParts.Select(part => Whole(part.DeepClone().AsObject())).ToList();
        if (plan.FunctionCall is not null)
        {
            pieces.Add(Whole(ResponseFactory.Signed(new JsonObject { ["functionCall"] = plan.FunctionCall.DeepClone() }, plan.ThoughtSignature)));
        }
        else if (plan.Text is not null)
        {
            List<string> words = TextShaping.SplitWords(plan.Text);
            if (plan.WithholdContent)
            {
                words = words.Take(plan.StreamedWordsBeforeStop).ToList();
            }

            pieces.AddRange(words.Select(word => new Piece(new JsonArray(new JsonObject { ["text"] = word }), TokenCounter.CountText(word), false)));
            if (plan.ThoughtSignature is not null && !plan.WithholdContent)
            {
                // As the service streams it: the text's signature comes last, on a part with empty text.
                pieces.Add(Whole(ResponseFactory.Signed(new JsonObject { ["text"] = string.Empty }, plan.ThoughtSignature)));
            }
        }

        if (!plan.WithholdContent)
        {
            // Each image or recording arrives whole, in one chunk.
            pieces.AddRange(plan.MediaParts.Select(part => Whole(part.DeepClone().AsObject())));
        }

        if (plan.WithholdContent || pieces.Count == 0)
        {
            pieces.Add(new Piece(null, 0, true));
        }
        else
        {
            pieces[^1] = pieces[^1] with { Final = true };
        }

        return pieces;
    }

    private static Piece Whole(JsonObject part)
    {
        var parts = new JsonArray(part);
        return new Piece(parts, ResponseFactory.CountTokens(parts), false);
    }
}
