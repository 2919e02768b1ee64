using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Transport;
using GenAI.PowerShell.Pipeline;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of every cmdlet that waits on the core: it owns the cmdlet's <see cref="CorePump"/> (Ctrl+C, waiting,
    /// streaming, progress, the core's verbose and debug messages). No parameters of its own: a local cmdlet
    /// (Install-GenAITokenizer, Start-GenAIEmulator) derives from it; a cmdlet that calls the service derives from
    /// <see cref="GenAICmdlet"/>, which adds the service options.
    /// </summary>
    public abstract class CoreCmdlet : PSCmdlet, IDisposable
    {
        private protected CoreCmdlet()
        {
            Pump = new CorePump(this, new CmdletDiagnostics(this, CmdletDiagnostics.WantsOf(this)));
        }

        private protected CorePump Pump { get; }

        protected CancellationToken StopToken => Pump.StopToken;

        protected override void StopProcessing() => Pump.Stop();

        /// <summary>Blocks the pipeline thread on a task, writing diagnostics meanwhile; Ctrl+C returns at once.</summary>
        protected T Await<T>(Task<T> task) => Pump.Wait(task);

        protected void Await(Task task) => Pump.Wait(task);

        /// <summary>Pulls an async stream on the pipeline thread so each item can be written as it arrives.</summary>
        protected IEnumerable<T> Pull<T>(IAsyncEnumerable<T> source) => Pump.Pull(source);

        /// <summary>
        /// Runs <paramref name="action"/>, turning core exceptions into non-terminating errors on
        /// <paramref name="target"/>. Returns false when it failed. Ctrl+C ends quietly.
        /// </summary>
        protected bool TryRun(Action action, object? target) => Pump.TryRun(action, target);

        /// <summary>A failed item: a non-terminating error on <paramref name="target"/>; nothing for Ctrl+C.</summary>
        protected void WriteFailure(Exception error, object? target) => Pump.WriteFailure(error, target);

        /// <summary>
        /// Writes a progress message (key redacted) to the verbose stream; with -Debug but not -Verbose, to the
        /// debug stream instead: PowerShell makes -Debug turn a compiled cmdlet's verbose stream into a prompt.
        /// </summary>
        protected void WriteVerboseRedacted(string message) => Pump.Diagnostics.Write(DiagnosticLevel.Info, message);

        public void Dispose()
        {
            Pump.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
