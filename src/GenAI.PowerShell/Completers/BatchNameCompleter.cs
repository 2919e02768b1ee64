using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;

namespace GenAI.PowerShell.Completers
{
    /// <summary>Completes batch names from batches.list (two seconds at most; nothing when no key is set or the service does not answer).</summary>
    public sealed class BatchNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan s_fetchTimeout = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Complete(List(), wordToComplete).ToList();

        private static IReadOnlyList<(string Name, string ToolTip)> List()
        {
            if (ModuleConfiguration.CompletionFingerprint() == null) return Array.Empty<(string, string)>();
            using var cancel = new CancellationTokenSource(s_fetchTimeout);
            try
            {
                var client = ModuleConfiguration.GetClient();
                var options = new RequestOptions { Timeout = s_fetchTimeout, MaxRetries = 0, Deadline = s_fetchTimeout };
                var task = Task.Run(async () =>
                {
                    var names = new List<(string, string)>();
                    await foreach (var batch in client.Batches.ListAsync(100, options, cancel.Token).ConfigureAwait(false))
                        names.Add((batch.Name ?? "", $"{batch.DisplayName} ({batch.State}, {batch.RequestCount} request(s))"));
                    return names;
                });
                return task.Wait(s_fetchTimeout + TimeSpan.FromMilliseconds(500)) ? task.Result : Array.Empty<(string, string)>().ToList();
            }
            catch (Exception ex) when (ex is GenAIException || ex is AggregateException || ex is OperationCanceledException)
            {
                return Array.Empty<(string, string)>();
            }
        }
    }
}
