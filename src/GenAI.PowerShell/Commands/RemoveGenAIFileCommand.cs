using System.Management.Automation;
using GenAI.Core.Files;
using GenAI.Core.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Deletes uploaded files (before they expire on their own after about 48 hours).</summary>
    [Cmdlet(VerbsCommon.Remove, "GenAIFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveGenAIFileCommand : GenAICmdlet
    {
        /// <summary>The files to delete: names (files/abc123 or abc123), or file objects from Get-GenAIFile / Add-GenAIFile.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.FileNameCompleter))]
        public string[] Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var options = BuildRequestOptions();
            foreach (var raw in Name)
            {
                string name;
                try { name = FilesClient.NormalizeName(raw); }
                catch (System.ArgumentException ex)
                {
                    WriteError(Errors.ErrorRecordFactory.Create(ErrorCodes.InvalidArgument, ex.Message, raw));
                    continue;
                }
                if (!ShouldProcess(name, "Remove file")) continue;
                var client = Client;
                TryRun(() => Await(client.Files.DeleteAsync(name, options, StopToken)), raw);
            }
        }
    }
}
