using System.Collections.Generic;
using GenAI.Core.Embeddings;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes -TaskType with the embedding task types (RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, ...).</summary>
    public sealed class EmbeddingTaskTypeCompleter : FixedValueCompleter
    {
        private protected override IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName) => EmbeddingTaskTypes.All;
    }
}
