using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenAI.Core.Embeddings;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes -TaskType with the embedding task types (RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, ...).</summary>
    public sealed class EmbeddingTaskTypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(EmbeddingTaskTypes.All, wordToComplete).ToList();
    }
}
