using System.Management.Automation;
using GenAI.Core.Batches;
using GenAI.PowerShell.Batches;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Writes a finished batch's results in input order, each with its key and (when this machine started the batch)
    /// its request; a failed request is a non-terminating error whose target is its result. Result files are
    /// downloaded and read one line at a time. An embeddings batch gives one embedding per input, as Get-GenAIEmbedding does.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "GenAIBatch")]
    [OutputType(typeof(BatchResult), typeof(Core.Embeddings.TextEmbedding))]
    public sealed class ReceiveGenAIBatchCommand : GenAICmdlet
    {
        /// <summary>Batch objects (from Wait-GenAIBatch) or names.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(Completers.BatchNameCompleter))]
        [Alias("Name")]
        public object[] Batch { get; set; } = null!;

        /// <summary>Only the replies' text, one string per request (failed requests are still errors).</summary>
        [Parameter]
        public SwitchParameter TextOnly { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (var item in Batch)
            {
                object? value = item is PSObject ps ? ps.BaseObject : item;
                var batch = value as GenAIBatch ?? new GenAIBatch { Name = System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
                TryRun(() =>
                {
                    string name = BatchNames.Normalize(batch.Name ?? "");
                    using var inputs = new BatchInputReader(BatchInputStore.Find(name));
                    foreach (var result in Pull(client.Batches.ReadResultsAsync(batch, BuildRequestOptions(), StopToken)))
                    {
                        inputs.Attach(result);
                        if (!result.Succeeded)
                        {
                            WriteError(ErrorRecordFactory.Create(result.ToException(), result));
                            continue;
                        }
                        if (result.IsEmbedding) WriteObject(EmbeddingBatchResults.ToEmbedding(result, batch.Model));
                        else if (TextOnly) WriteObject(result.Text);
                        else WriteObject(result);
                    }
                }, batch);
            }
        }
    }
}
