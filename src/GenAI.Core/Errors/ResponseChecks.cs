using System.Collections.Generic;
using GenAI.Core.Protocol;

namespace GenAI.Core.Errors
{
    /// <summary>
    /// Whether a reply is usable: not blocked, and its first candidate stopped for a normal reason
    /// (the seed's BlockedPromptException / StopCandidateException conditions).
    /// </summary>
    public static class ResponseChecks
    {
        private static readonly HashSet<string> s_normalFinishReasons = new HashSet<string> { "FINISH_REASON_UNSPECIFIED", "STOP", "MAX_TOKENS" };

        public static bool IsNormalFinishReason(string? finishReason) => finishReason == null || s_normalFinishReasons.Contains(finishReason);

        /// <summary>The exception describing what is wrong with <paramref name="response"/>, or null when it is fine.</summary>
        /// <param name="consequence">Appended to the message: what the problem means for the caller's state.</param>
        public static GenAIException? FindProblem(GenerateContentResponse response, string? consequence = null)
        {
            string? blockReason = response.PromptFeedback?.BlockReason;
            if (!string.IsNullOrEmpty(blockReason)) return new PromptBlockedException(blockReason!, response, consequence);
            var candidates = response.Candidates;
            if (candidates == null || candidates.Count == 0) return null;
            var first = candidates[0];
            return IsNormalFinishReason(first.FinishReason) ? null : new CandidateStoppedException(first, response, consequence);
        }
    }
}
