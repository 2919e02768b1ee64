using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenAI.Core.Errors;

namespace GenAI.Core.Protocol
{
    /// <summary>The seed SDK's <c>response.text</c> rules, shared by unary and aggregated streamed replies.</summary>
    internal static class ResponseText
    {
        private static readonly HashSet<string> s_explainedReasons = new HashSet<string>
        {
            "SAFETY", "RECITATION", "LANGUAGE", "SPII", "MALFORMED_FUNCTION_CALL", "BLOCKLIST", "PROHIBITED_CONTENT", "OTHER",
        };

        public static string Render(GenerateContentResponse response)
        {
            var candidates = response.Candidates;
            if (candidates == null || candidates.Count == 0)
            {
                string? reason = response.PromptFeedback?.BlockReason;
                if (!string.IsNullOrEmpty(reason))
                    throw new PromptBlockedException(reason!, response);
                throw new ResponseHasNoTextException("The response has no candidates, so it has no text. Inspect PromptFeedback and Candidates.", response);
            }
            if (candidates.Count > 1)
                throw new ResponseHasNoTextException(
                    $"The response has {candidates.Count} candidates; Text is defined for one. Read Candidates[i].Content instead.", response);

            var candidate = candidates[0];
            var parts = candidate.Content?.Parts;
            if (parts == null || parts.Count == 0)
            {
                string reason = candidate.FinishReason ?? "FINISH_REASON_UNSPECIFIED";
                if (s_explainedReasons.Contains(reason))
                    throw new CandidateStoppedException(candidate, response);
                throw new ResponseHasNoTextException(
                    $"The response has no parts to turn into text (finish reason: {reason}).", response);
            }

            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (text.Length > 0) text.Append('\n');
                text.Append(RenderPart(part, response));
            }
            return text.ToString();
        }

        public static string RenderForDisplay(GenerateContentResponse response)
        {
            var parts = response.Candidates?.FirstOrDefault()?.Content?.Parts;
            if (parts == null) return "";
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (part.Text != null && part.Thought != true)
                {
                    text.Append(part.Text);
                    continue;
                }
                if (text.Length > 0 && text[text.Length - 1] != '\n') text.Append('\n');
                if (part.Thought == true)
                    text.Append("[thought] ").Append((part.Text ?? "").Trim());
                else if (part.FunctionCall != null)
                    text.Append("[functionCall ").Append(part.FunctionCall.Name).Append(' ').Append(Compact(part.FunctionCall.Args)).Append(']');
                else if (part.FunctionResponse != null)
                    text.Append("[functionResponse ").Append(part.FunctionResponse.Name).Append(' ').Append(Compact(part.FunctionResponse.Response)).Append(']');
                else if (part.ExecutableCode != null)
                    text.Append("``` ").Append((part.ExecutableCode.Language ?? "python").ToLowerInvariant()).Append('\n')
                        .Append((part.ExecutableCode.Code ?? "").Trim('\n')).Append("\n```");
                else if (part.CodeExecutionResult != null)
                    text.Append(part.CodeExecutionResult.Outcome == null || part.CodeExecutionResult.Outcome == "OUTCOME_OK" ? "```" : "``` " + part.CodeExecutionResult.Outcome.ToLowerInvariant())
                        .Append('\n').Append((part.CodeExecutionResult.Output ?? "").Trim('\n')).Append("\n```");
                else
                    text.Append(part.ToString());
                text.Append('\n');
            }
            return text.ToString().TrimEnd('\n');
        }

        private static string Compact(System.Text.Json.JsonElement? value) =>
            value.HasValue ? System.Text.Json.JsonSerializer.Serialize(value.Value, GenAIJsonContext.Default.JsonElement) : "{}";

        private static string RenderPart(Part part, GenerateContentResponse response)
        {
            if (part.Text != null) return part.Text;
            if (part.ExecutableCode != null)
            {
                string language = (part.ExecutableCode.Language ?? "PYTHON").ToLowerInvariant();
                if (language == "language_unspecified") language = "";
                return "``` " + language + "\n" + (part.ExecutableCode.Code ?? "").TrimStart('\n') + "\n```";
            }
            if (part.CodeExecutionResult != null)
            {
                string label = part.CodeExecutionResult.Outcome switch
                {
                    "OUTCOME_FAILED" => "``` failed",
                    "OUTCOME_DEADLINE_EXCEEDED" => "``` deadline_exceeded",
                    _ => "```",
                };
                return label + "\n" + (part.CodeExecutionResult.Output ?? "") + "\n```";
            }
            throw new ResponseHasNoTextException(
                $"Could not convert the part '{part.Kind}' to text. Read Candidates[0].Content.Parts (for function calls, FunctionCalls).", response);
        }
    }
}
