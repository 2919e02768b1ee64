using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GenAI.PowerShell.Completers
{
    /// <summary>A completer of values known in advance (names, types, modes), each with the tool tip completion shows.</summary>
    public abstract class FixedValueCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(Candidates(parameterName), wordToComplete).ToList();

        /// <summary>The values <paramref name="parameterName"/> takes (a value is its own tool tip where it has none).</summary>
        private protected abstract IEnumerable<(string Value, string ToolTip)> Candidates(string parameterName);

        private protected static IEnumerable<(string Value, string ToolTip)> Plain(IEnumerable<string> values) => values.Select(v => (v, v));
    }
}
