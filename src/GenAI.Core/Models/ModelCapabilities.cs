using System.Globalization;
using System.Text.RegularExpressions;

namespace GenAI.Core.Models
{
    /// <summary>What a model family accepts, judged from its name (the service does not list these features).</summary>
    public static class ModelCapabilities
    {
        private static readonly Regex s_gemini = new Regex(@"(?:^|/)gemini-(\d+)(?:\.\d+)?-", RegexOptions.CultureInvariant);

        /// <summary>
        /// Gemini 3 and later read files and images in a function's response
        /// (https://ai.google.dev/gemini-api/docs/function-calling, multimodal function responses).
        /// </summary>
        public static bool TakesMultimodalFunctionResponses(string? modelName)
        {
            var match = s_gemini.Match(modelName ?? "");
            return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= 3;
        }
    }
}
