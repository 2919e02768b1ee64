using System.Management.Automation;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Deletes cached contents (cachedContents.delete).</summary>
    [Cmdlet(VerbsCommon.Remove, "GenAICachedContent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveGenAICachedContentCommand : GenAICmdlet
    {
        /// <summary>Names (cachedContents/abc or abc), or cached-content objects from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CachedContentNameCompleter))]
        public string[] Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (string name in Name)
            {
                if (!ShouldProcess(name, "Delete cached content")) continue;
                TryRun(() => Await(client.Caches.DeleteAsync(name, BuildRequestOptions(), StopToken)), name);
            }
        }
    }
}
