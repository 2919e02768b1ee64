using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace GenAI.PowerShell.Tests.Pipeline
{
    /// <summary>A cmdlet outside a pipeline whose runtime records what it writes, in order, with the thread it was written on.</summary>
    public sealed class RecordingCmdlet : Cmdlet
    {
        public RecordingCmdlet() { CommandRuntime = Runtime; }

        public RecordingRuntime Runtime { get; } = new RecordingRuntime();
    }

    public sealed class RecordingRuntime : ICommandRuntime
    {
        private readonly object _gate = new object();
        private readonly List<(string Stream, object Value, int Thread)> _writes = new List<(string, object, int)>();

        public IReadOnlyList<(string Stream, object Value, int Thread)> Writes
        {
            get { lock (_gate) return _writes.ToArray(); }
        }

        private void Add(string stream, object value)
        {
            lock (_gate) _writes.Add((stream, value, Environment.CurrentManagedThreadId));
        }

        public PSHost Host => null!;
        public PSTransactionContext CurrentPSTransaction => null!;

        public void WriteDebug(string text) => Add("Debug", text);
        public void WriteError(ErrorRecord errorRecord) => Add("Error", errorRecord);
        public void WriteObject(object? sendToPipeline) => Add("Output", sendToPipeline!);
        public void WriteObject(object? sendToPipeline, bool enumerateCollection) => Add("Output", sendToPipeline!);
        public void WriteProgress(ProgressRecord progressRecord) => Add("Progress", Copy(progressRecord));
        public void WriteProgress(long sourceId, ProgressRecord progressRecord) => Add("Progress", Copy(progressRecord));

        // A cmdlet may write the same record again with new values: keep what it said then.
        private static ProgressRecord Copy(ProgressRecord record) => new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
        {
            PercentComplete = record.PercentComplete,
            RecordType = record.RecordType,
            ParentActivityId = record.ParentActivityId,
        };
        public void WriteVerbose(string text) => Add("Verbose", text);
        public void WriteWarning(string text) => Add("Warning", text);
        public void WriteCommandDetail(string text) { }
        public bool ShouldProcess(string? target) => true;
        public bool ShouldProcess(string? target, string? action) => true;
        public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption) => true;
        public bool ShouldProcess(string? verboseDescription, string? verboseWarning, string? caption, out ShouldProcessReason shouldProcessReason)
        {
            shouldProcessReason = ShouldProcessReason.None;
            return true;
        }
        public bool ShouldContinue(string? query, string? caption) => true;
        public bool ShouldContinue(string? query, string? caption, ref bool yesToAll, ref bool noToAll) => true;
        public bool TransactionAvailable() => false;
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void ThrowTerminatingError(ErrorRecord errorRecord) => throw new PipelineStoppedException();
    }
}
