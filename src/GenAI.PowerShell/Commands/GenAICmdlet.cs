using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Base of every cmdlet that calls the service: Ctrl+C cancels the in-flight call, async results are
    /// awaited on the pipeline thread, and core exceptions become ErrorRecords.
    /// </summary>
    public abstract class GenAICmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private GenAIClient? _client;

        protected CancellationToken StopToken => _stop.Token;

        /// <summary>Seconds to wait for one attempt of the call.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>The wire protocol for this call (Rest or Grpc); default: Set-GenAIConfiguration -Transport.</summary>
        [Parameter]
        public TransportKind? Transport { get; set; }

        /// <summary>The request options from this cmdlet's parameters (unset values use the configuration's).</summary>
        protected virtual RequestOptions BuildRequestOptions() =>
            new RequestOptions { Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null };

        /// <summary>The configured client; a missing key or bad endpoint is a terminating error.</summary>
        protected GenAIClient Client
        {
            get
            {
                if (_client != null) return _client;
                try { _client = ModuleConfiguration.GetClient(Transport); }
                catch (GenAIException ex) { ThrowTerminatingError(ErrorRecordFactory.Create(ex, null)); }
                if (_client?.TransportFallbackReason != null) WriteVerbose(_client.TransportFallbackReason);
                return _client!;
            }
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Blocks the pipeline thread on a task, honouring Ctrl+C.</summary>
        protected T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

        protected void Await(Task task) => task.GetAwaiter().GetResult();

        /// <summary>Pulls an async stream on the pipeline thread so each item can be written as it arrives.</summary>
        protected IEnumerable<T> Pull<T>(IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator(StopToken);
            try
            {
                while (true)
                {
                    // Most chunks are already buffered: take a completed result directly instead of wrapping it in a Task.
                    var next = enumerator.MoveNextAsync();
                    if (!(next.IsCompleted ? next.Result : next.AsTask().GetAwaiter().GetResult())) break;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/>, turning core exceptions into non-terminating errors on
        /// <paramref name="target"/>. Returns false when it failed. Ctrl+C ends quietly.
        /// </summary>
        protected bool TryRun(Action action, object? target)
        {
            try
            {
                action();
                return true;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return false;
            }
            catch (GenAIException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, target));
                return false;
            }
        }

        protected void WriteVerboseRedacted(string message) => WriteVerbose(KeyMask.Redact(message, ModuleConfiguration.CurrentKey));

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
