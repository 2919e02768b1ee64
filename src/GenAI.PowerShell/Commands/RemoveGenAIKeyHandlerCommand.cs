using System.Linq;
using System.Management.Automation;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.KeyHandlers;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Unbinds the keys Set-GenAIKeyHandler bound (all of them, or those named by -Chord).</summary>
    [Cmdlet(VerbsCommon.Remove, "GenAIKeyHandler", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class RemoveGenAIKeyHandlerCommand : PSCmdlet
    {
        /// <summary>The chords to unbind; default: every chord Set-GenAIKeyHandler bound in this session.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Chord { get; set; }

        protected override void ProcessRecord()
        {
            PSReadLineKeyHandlers.RequirePSReadLine(this);
            var chords = Chord ?? PSReadLineKeyHandlers.Bound.Select(a => a.Chord).ToArray();
            foreach (var chord in chords)
            {
                if (!PSReadLineKeyHandlers.IsBound(chord))
                {
                    WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.KeyHandlerNotFound,
                        $"'{chord}' has no GenAI key handler, so it was left as it is.", chord,
                        "Run Remove-GenAIKeyHandler without -Chord to remove every GenAI key handler, or Get-PSReadLineKeyHandler to see the bindings."));
                    continue;
                }
                if (ShouldProcess(chord, "Remove the GenAI key handler")) PSReadLineKeyHandlers.Unbind(this, chord);
            }
        }
    }
}
