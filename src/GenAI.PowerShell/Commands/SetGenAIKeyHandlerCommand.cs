using System.Management.Automation;
using GenAI.Core.Models;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.KeyHandlers;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Binds a PSReadLine key that sends the command line to the model: Explain prints, Fix and Complete replace the line (nothing runs).</summary>
    [Cmdlet(VerbsCommon.Set, "GenAIKeyHandler")]
    [OutputType(typeof(KeyHandlerAction))]
    public sealed class SetGenAIKeyHandlerCommand : PSCmdlet
    {
        /// <summary>The key or key sequence, in PSReadLine's notation (Ctrl+g, Alt+e, 'Ctrl+x,Ctrl+e').</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Chord { get; set; } = "Ctrl+g";

        /// <summary>Explain (print what the line does), Fix (correct the line, given the last error) or Complete (finish a line or turn words into one).</summary>
        [Parameter(Position = 1)]
        public KeyHandlerMode Mode { get; set; } = KeyHandlerMode.Complete;

        /// <summary>The model to ask; default: the configured default model.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Write the bound handler.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            PSReadLineKeyHandlers.RequirePSReadLine(this);
            var action = new KeyHandlerAction(Chord, Mode, Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel));
            var handler = PSReadLineKeyHandlers.CreateHandler(this, action);
            try
            {
                PSReadLineKeyHandlers.Bind(this, action, handler);
            }
            catch (RuntimeException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.InvalidChord,
                    $"PSReadLine cannot bind '{Chord}': {ex.Message}", Chord, "Write the chord as PSReadLine does: Ctrl+g, Alt+e, Ctrl+Shift+F1, or 'Ctrl+x,Ctrl+e'.", ex));
            }
            if (PassThru) WriteObject(action);
        }
    }
}
