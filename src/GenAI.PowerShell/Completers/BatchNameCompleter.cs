using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes batch names from batches.list (two seconds at most; nothing when no key is set or the service does not answer).</summary>
    public sealed class BatchNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            if (ModuleConfiguration.CompletionFingerprint() == null) return Enumerable.Empty<CompletionResult>();
            var batches = ServiceListing.TryFetch((client, options, token) => client.Batches.ListAsync(100, options, token),
                batch => (batch.Name ?? "", $"{batch.DisplayName} ({batch.State}, {batch.RequestCount} request(s))"));
            return batches == null ? Enumerable.Empty<CompletionResult>() : CompletionValues.Complete(batches, wordToComplete).ToList();
        }
    }
}
