using System.Management.Automation;
using GenAI.Core.Batches;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Cancels batches (batches.cancel): a batch not yet finished ends CANCELLED, without results.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "GenAIBatch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(GenAIBatch))]
    public sealed class StopGenAIBatchCommand : GenAICmdlet
    {
        /// <summary>Names (batches/abc or abc) or batch objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.BatchNameCompleter))]
        public string[] Name { get; set; } = null!;

        /// <summary>Write the batch as it is after the cancel request.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (string name in Name)
            {
                if (!ShouldProcess(name, "Cancel batch")) continue;
                TryRun(() =>
                {
                    Await(client.Batches.CancelAsync(name, BuildRequestOptions(), StopToken));
                    if (PassThru) WriteObject(Await(client.Batches.GetAsync(name, BuildRequestOptions(), StopToken)));
                }, name);
            }
        }
    }
}
