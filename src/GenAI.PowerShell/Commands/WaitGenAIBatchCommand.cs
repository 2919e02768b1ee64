using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;
using GenAI.Core.Batches;
using GenAI.Core.Transport;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Waits until batches finish (SUCCEEDED, FAILED, CANCELLED or EXPIRED), polling with backoff and showing a
    /// progress bar from the batch's counters, and writes each finished batch. -TimeoutSec limits the whole wait.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "GenAIBatch")]
    [OutputType(typeof(GenAIBatch))]
    public sealed class WaitGenAIBatchCommand : GenAICmdlet
    {
        private const int ActivityId = 19;

        /// <summary>Names (batches/abc or abc) or batch objects from Start-GenAIBatch or Get-GenAIBatch.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.BatchNameCompleter))]
        public string[] Name { get; set; } = null!;

        /// <summary>Seconds between the first polls (default 1); the wait grows 1.5 times per poll up to -MaximumPollIntervalSec.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double PollIntervalSec { get; set; } = 1;

        /// <summary>The longest wait between polls, in seconds (default 30).</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double MaximumPollIntervalSec { get; set; } = 30;

        // Here -TimeoutSec limits the whole wait, not one request: each poll gets the usual request timeout.
        protected override RequestOptions BuildRequestOptions()
        {
            var options = base.BuildRequestOptions();
            options.Timeout = null;
            return options;
        }

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (string name in Name)
            {
                var progress = Pump.LatestProgress<GenAIBatch>(BatchProgress);
                TimeSpan? timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
                var task = client.Batches.WaitAsync(name, timeout, progress, TimeSpan.FromSeconds(PollIntervalSec), TimeSpan.FromSeconds(MaximumPollIntervalSec),
                    BuildRequestOptions(), StopToken);
                try
                {
                    Pump.WaitUntilDone(task);
                }
                catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                {
                    return;
                }
                WriteProgress(new ProgressRecord(ActivityId, "Wait-GenAIBatch", "Done") { RecordType = ProgressRecordType.Completed });
                TryRun(() => WriteObject(task.GetAwaiter().GetResult()), name);
            }
        }

        private ProgressRecord BatchProgress(GenAIBatch batch)
        {
            long total = batch.RequestCount;
            long done = batch.SucceededCount + batch.FailedCount;
            string state = batch.State.StartsWith("BATCH_STATE_", StringComparison.Ordinal) ? batch.State.Substring("BATCH_STATE_".Length) : batch.State;
            var record = new ProgressRecord(ActivityId, $"Wait-GenAIBatch {batch.DisplayName ?? batch.Name}",
                $"{state}: {done} of {total} request(s) done{(batch.FailedCount > 0 ? $", {batch.FailedCount} failed" : "")}");
            if (total > 0) record.PercentComplete = (int)Math.Min(100, done * 100 / total);
            return record;
        }
    }
}
