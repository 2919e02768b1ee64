using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Pipeline
{
    /// <summary>
    /// The -Each skeleton (Invoke-GenerateContent, Measure-Tokens, Start-GenAIBatch): every pipeline item is a request
    /// of its own, whose prompt is the shared -Prompt/-Path parts plus the item. Items are started as they come;
    /// with no items, the shared parts alone are one request (when <c>sharedPromptAlone</c>).
    /// </summary>
    internal sealed class EachRequests
    {
        private readonly PromptInput _input;
        private readonly Action<object?> _start;
        private readonly bool _sharedPromptAlone;

        /// <param name="start">Starts one item (null: the shared parts alone).</param>
        public EachRequests(PromptInput input, Action<object?> start, bool sharedPromptAlone = true)
        {
            _input = input;
            _start = start;
            _sharedPromptAlone = sharedPromptAlone;
        }

        /// <summary>How many items were started.</summary>
        public int Started { get; private set; }

        /// <summary>ProcessRecord: starts the items of this pipeline input that are complete.</summary>
        public void Take(object[]? items, bool fromPipeline)
        {
            foreach (var item in _input.TakeItems(items, fromPipeline)) Start(item);
        }

        /// <summary>EndProcessing: starts the items still held, or the shared parts alone when nothing came.</summary>
        public void Finish()
        {
            foreach (var item in _input.FlushItems()) Start(item);
            if (Started == 0 && _sharedPromptAlone && _input.HasSharedPrompt) Start(null);
        }

        private void Start(object? item)
        {
            Started++;
            _start(item);
        }

        /// <summary>
        /// Starts one item in <paramref name="batch"/>. A prompt that cannot be built fails in its turn, in input order,
        /// like a failed request. Returns the prompt, or null when it could not be built.
        /// </summary>
        public static List<Content>? StartInBatch(OrderedBatch batch, PromptInput input, object? item, Func<List<Content>, IBatchSink, CancellationToken, Task> work)
        {
            object? target = item ?? input.Target;
            List<Content> contents;
            try
            {
                contents = input.ToContentsWith(item);
            }
            catch (GenAIException ex)
            {
                batch.Start(target, (sink, token) => Task.FromException(ex));
                return null;
            }
            batch.Start(target, (sink, token) => work(contents, sink, token));
            return contents;
        }

        /// <summary>The progress bar of an -Each batch after an item completed (items complete in input order, so its index tells how many are done).</summary>
        public static ProgressRecord Progress(OrderedBatch batch, BatchEvent completed, int activityId, string activity, string doneVerb)
        {
            int done = completed.Index + 1;
            return new ProgressRecord(activityId, activity, $"{done} of {batch.Started} {doneVerb}, {batch.Running} running")
                { PercentComplete = Math.Min(100, done * 100 / Math.Max(1, batch.Started)) };
        }

        /// <summary>The record that closes an -Each progress bar.</summary>
        public static ProgressRecord Done(int activityId, string activity) =>
            new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed };
    }
}
