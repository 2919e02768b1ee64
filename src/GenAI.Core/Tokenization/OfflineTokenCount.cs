using System.Collections.Generic;
using System.Globalization;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// An offline count of a whole request, shaped to sit next to the service's <c>CountTokensResponse</c>:
    /// <see cref="TotalTokens"/> is the exact local (google-genai <c>LocalTokenizer</c>) text count,
    /// <see cref="EstimatedApiTotal"/> an ESTIMATE of what the Gemini Developer API's countTokens would say.
    /// </summary>
    public sealed class OfflineTokenCount
    {
        internal OfflineTokenCount(string model, LocalTokenCountResult result, ApiTokenEstimate estimate, IReadOnlyList<string> warnings)
        {
            Model = model;
            Result = result;
            ApiEstimate = estimate;
            Warnings = warnings;
        }

        /// <summary>Always "Offline" (the service's CountTokensResponse says "Api").</summary>
        public string Source => "Offline";

        /// <summary>The model the request was built for, e.g. <c>models/gemini-2.5-flash</c>.</summary>
        public string Model { get; }

        /// <summary>Text tokens of the request with the Gemma 3 vocabulary: exact, no BOS, role or turn tokens.</summary>
        public int TotalTokens => Result.TotalTokens;

        /// <summary>ESTIMATE of the Developer API's countTokens total: <see cref="TotalTokens"/> + 1 per content + 1 for a system instruction (gemini-2.5 and later).</summary>
        public int EstimatedApiTotal => ApiEstimate.EstimatedTotal;

        /// <summary>How <see cref="EstimatedApiTotal"/> was made and why the service may still differ.</summary>
        public ApiTokenEstimate ApiEstimate { get; }

        public int ContentCount => Result.ContentCount;

        public bool HasSystemInstruction => Result.HasSystemInstruction;

        /// <summary>Parts that were not counted (images, audio, video, documents, code execution parts).</summary>
        public IReadOnlyList<NotCountedPart> NotCounted => Result.NotCounted;

        /// <summary>
        /// What the count leaves out, as sentences (the cmdlet writes them as warnings). When parts were not counted
        /// (<see cref="NotCounted"/>), the first sentence is about them.
        /// </summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Every counted string with its count, when details were requested; otherwise empty.</summary>
        public IReadOnlyList<TokenCountDetail> Details => Result.Details;

        /// <summary>The underlying counter result.</summary>
        public LocalTokenCountResult Result { get; }

        public override string ToString() => TotalTokens.ToString(CultureInfo.InvariantCulture);
    }
}
