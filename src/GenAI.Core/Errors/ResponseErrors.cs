using GenAI.Core.Protocol;

namespace GenAI.Core.Errors
{
    /// <summary>The prompt was blocked (promptFeedback.blockReason); the reply has no candidates.</summary>
    public sealed class PromptBlockedException : GenAIException
    {
        /// <param name="consequence">What the failure means for the caller's state, appended to the message (e.g. a chat's history).</param>
        public PromptBlockedException(string blockReason, GenerateContentResponse response, string? consequence = null)
            : base(ErrorCodes.PromptBlocked, WithConsequence($"The prompt was blocked by the service (block reason: {blockReason}). See the response's PromptFeedback.SafetyRatings.", consequence))
        {
            BlockReason = blockReason;
            Response = response;
        }

        public string BlockReason { get; }

        public GenerateContentResponse Response { get; }
    }

    /// <summary>The candidate stopped for a reason other than STOP/MAX_TOKENS (the seed's StopCandidateException).</summary>
    public sealed class CandidateStoppedException : GenAIException
    {
        public CandidateStoppedException(Candidate candidate, GenerateContentResponse response, string? consequence = null)
            : base(ErrorCodes.CandidateStopped, WithConsequence(BuildMessage(candidate), consequence))
        {
            Candidate = candidate;
            Response = response;
        }

        public Candidate Candidate { get; }

        public GenerateContentResponse Response { get; }

        public string FinishReason => Candidate.FinishReason ?? "FINISH_REASON_UNSPECIFIED";

        private static string BuildMessage(Candidate candidate)
        {
            string reason = candidate.FinishReason ?? "FINISH_REASON_UNSPECIFIED";
            string detail = reason switch
            {
                "SAFETY" => " The reply was stopped by the safety filters.",
                "RECITATION" => " The reply was stopped because it recited training data.",
                "LANGUAGE" => " The reply used an unsupported language.",
                "SPII" => " The reply may have contained sensitive personal information.",
                "MALFORMED_FUNCTION_CALL" => " The model produced a function call that could not be parsed.",
                _ => "",
            };
            string ratings = "";
            if (candidate.SafetyRatings != null && candidate.SafetyRatings.Count > 0)
                ratings = " Safety ratings: " + string.Join(", ", candidate.SafetyRatings) + ".";
            string finishMessage = string.IsNullOrEmpty(candidate.FinishMessage) ? "" : " " + candidate.FinishMessage;
            return $"The model stopped with finish reason {reason}.{detail}{finishMessage}{ratings}";
        }
    }

    /// <summary>A response accessor (Text) was read on a reply that has no text to give.</summary>
    public sealed class ResponseHasNoTextException : GenAIException
    {
        public ResponseHasNoTextException(string message, GenerateContentResponse response)
            : base(ErrorCodes.ResponseHasNoText, message)
        {
            Response = response;
        }

        public GenerateContentResponse Response { get; }
    }

    /// <summary>
    /// A stream failed after some chunks were delivered. Those chunks stay with the caller; the
    /// partial aggregate is here too.
    /// </summary>
    public sealed class StreamInterruptedException : GenAIException
    {
        public StreamInterruptedException(int chunksReceived, GenerateContentResponse? partial, System.Exception inner, string? consequence = null)
            : base(ErrorCodes.StreamInterrupted,
                WithConsequence($"The stream was interrupted after {chunksReceived} chunk(s): {inner.Message} The chunks already received were kept.", consequence), inner)
        {
            ChunksReceived = chunksReceived;
            Partial = partial;
        }

        public int ChunksReceived { get; }

        public GenerateContentResponse? Partial { get; }
    }
}
