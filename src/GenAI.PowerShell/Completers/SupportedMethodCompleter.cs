using System.Collections.Generic;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes Get-GenAIModel -SupportedMethod with the method names models list in supportedGenerationMethods.</summary>
    public sealed class SupportedMethodCompleter : FixedValueCompleter
    {
        public static readonly IReadOnlyList<(string Value, string ToolTip)> Methods = new[]
        {
            ("generateContent", "Generates a reply (Invoke-GenerateContent, Send-ChatMessage)."),
            ("countTokens", "Counts the tokens of a prompt (Measure-Tokens)."),
            ("createCachedContent", "Can be the model of a cached content (New-GenAICachedContent)."),
            ("batchGenerateContent", "Generates replies in a batch job."),
            ("embedContent", "Embeds text as a vector."),
            ("batchEmbedContents", "Embeds several texts in one call."),
            ("asyncBatchEmbedContent", "Embeds texts in a batch job."),
            ("bidiGenerateContent", "Live (bidirectional streaming) sessions."),
            ("predict", "Image or video generation (Imagen, Veo)."),
            ("predictLongRunning", "Long-running generation (Veo)."),
        };

        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName) => Methods;
    }
}
