using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes Get-GenAIModel -SupportedMethod with the method names models list in supportedGenerationMethods.</summary>
    public sealed class SupportedMethodCompleter : IArgumentCompleter
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

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(Methods, wordToComplete).ToList();
    }
}
