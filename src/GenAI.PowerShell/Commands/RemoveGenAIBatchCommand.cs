using System.Management.Automation;
using GenAI.PowerShell.Batches;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Deletes batches (batches.delete) and this machine's record of their input.</summary>
    [Cmdlet(VerbsCommon.Remove, "GenAIBatch", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveGenAIBatchCommand : GenAICmdlet
    {
        /// <summary>Names (batches/abc or abc) or batch objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.BatchNameCompleter))]
        public string[] Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (string name in Name)
            {
                if (!ShouldProcess(name, "Delete batch")) continue;
                if (TryRun(() => Await(client.Batches.DeleteAsync(name, BuildRequestOptions(), StopToken)), name))
                    BatchInputStore.Forget(name);
            }
        }
    }
}
