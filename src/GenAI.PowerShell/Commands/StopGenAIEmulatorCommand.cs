using System.Collections.Generic;
using System.Management.Automation;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Emulator;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Stops emulators started with Start-GenAIEmulator and restores the settings -Configure replaced.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "GenAIEmulator")]
    [OutputType(typeof(void))]
    public sealed class StopGenAIEmulatorCommand : PSCmdlet
    {
        private readonly List<GenAIEmulator> _emulators = new List<GenAIEmulator>();

        /// <summary>The emulators to stop (from Start-GenAIEmulator -PassThru); default: every one this session started.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public GenAIEmulator[]? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) _emulators.AddRange(InputObject);
        }

        protected override void EndProcessing()
        {
            var emulators = _emulators.Count > 0 ? _emulators.ToArray() : EmulatorLauncher.Running;
            // Newest first, so restoring configurations unwinds nested -Configure in order.
            for (int i = emulators.Length - 1; i >= 0; i--)
            {
                var emulator = emulators[i];
                WriteVerbose($"Stopping the emulator at {emulator.BaseUri} (process {emulator.ProcessId}).");
                if (!EmulatorLauncher.Stop(emulator)) continue;   // stopped before: nothing to do, nothing to restore
                if (emulator.SavedConfiguration != null) ModuleConfiguration.Restore(emulator.SavedConfiguration);
            }
        }
    }
}
