using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Embeds text: every input (a string, a Get-Content line, a text file) gets one vector. Inputs go in
    /// batchEmbedContents calls of up to 100, -ThrottleLimit calls at a time (the -Each batch machinery: retries,
    /// progress, Ctrl+C), and the vectors are written in input order, each with the input it came from.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GenAIEmbedding")]
    [OutputType(typeof(TextEmbedding))]
    public sealed class GetGenAIEmbeddingCommand : GenAICmdlet
    {
        private const int ActivityId = 1;

        private readonly List<Input> _pending = new List<Input>();
        private EmbeddingSettings _settings = null!;
        private GenAIClient _client = null!;
        private RequestOptions _options = null!;
        private OrderedBatch _batch = null!;
        private string _model = null!;
        private int _queued;
        private int _done;

        /// <summary>The texts to embed: strings, Get-Content lines or text files (FileInfo), one vector each.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public object[] InputObject { get; set; } = null!;

        /// <summary>The embedding model (default gemini-embedding-001).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public string Model { get; set; } = EmbeddingLimits.DefaultModel;

        /// <summary>What the vectors are for (RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, SEMANTIC_SIMILARITY, ...); RetrievalQuery also works.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.EmbeddingTaskTypeCompleter))]
        public string? TaskType { get; set; }

        /// <summary>The title of the documents; implies -TaskType RETRIEVAL_DOCUMENT.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>Keep only the first N values of each vector (the service then does not normalise them).</summary>
        [Parameter]
        [ValidateRange(1, 65536)]
        public int? OutputDimensionality { get; set; }

        /// <summary>Scale every vector to length 1 (the service normalises only full-size vectors).</summary>
        [Parameter]
        public SwitchParameter Normalize { get; set; }

        /// <summary>How many batchEmbedContents calls (of up to 100 inputs each) run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            _settings = new EmbeddingSettings { TaskType = TaskType, Title = Title, OutputDimensionality = OutputDimensionality };
            try
            {
                _settings.Validate();
            }
            catch (InvalidInputException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, null));
            }
            _model = ModelNames.Normalize(Model);
            _client = Client;
            _options = BuildRequestOptions();
            _batch = Pump.NewBatch(ThrottleLimit);
        }

        protected override void ProcessRecord()
        {
            foreach (object? item in InputObject ?? new object?[] { null })
            {
                _pending.Add(new Input(_queued++, item));
                if (_pending.Count == EmbeddingLimits.MaxRequestsPerCall) StartCall();
            }
            Pump.Drain(_batch.TakeReady(), WriteResult, OnCallCompleted, ActivityId);
        }

        protected override void EndProcessing()
        {
            if (_pending.Count > 0) StartCall();
            Pump.Drain(_batch.TakeAll(), WriteResult, OnCallCompleted, ActivityId);
            WriteProgress(new ProgressRecord(ActivityId, "Get-GenAIEmbedding", "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void StartCall()
        {
            var inputs = _pending.ToArray();
            _pending.Clear();
            var targets = System.Array.ConvertAll(inputs, i => i.Value);
            _batch.Start(targets, (sink, token) => EmbedAsync(inputs, sink, token));
        }

        // One batchEmbedContents call. Inputs that cannot be embedded (empty, not text) fail on their own, in their turn.
        private async Task EmbedAsync(Input[] inputs, IBatchSink sink, CancellationToken token)
        {
            var texts = new List<string>(inputs.Length);
            foreach (var input in inputs)
            {
                try
                {
                    texts.Add(EmbeddingInput.ToText(input.Value, out input.Path));
                }
                catch (GenAIException ex)
                {
                    input.Error = ex;
                }
            }
            var vectors = await _client.Embeddings.EmbedAsync(_model, texts, _settings, _options, token).ConfigureAwait(false);
            int next = 0;
            foreach (var input in inputs)
            {
                if (input.Error != null)
                {
                    sink.Output(input);
                    continue;
                }
                float[] values = vectors[next++];
                sink.Output(new TextEmbedding(Normalize ? EmbeddingVector.Normalize(values) : values, input.Value, input.Path, _model, input.Index));
            }
        }

        private void WriteResult(BatchEvent e)
        {
            if (e.Value is Input failed) WriteFailure(failed.Error!, failed.Value);
            else WriteObject(e.Value);
            _done++;
        }

        private void OnCallCompleted(BatchEvent completed)
        {
            if (completed.Error != null && completed.Target is object?[] inputs) _done += inputs.Length;   // the call failed: its inputs are done too
            WriteProgress(new ProgressRecord(ActivityId, "Get-GenAIEmbedding", $"{_done} of {_queued} inputs embedded, {_batch.Running} call{(_batch.Running == 1 ? "" : "s")} running")
                { PercentComplete = System.Math.Min(100, _done * 100 / System.Math.Max(1, _queued)) });
        }

        private sealed class Input
        {
            public Input(int index, object? value)
            {
                Index = index;
                Value = value;
            }

            public int Index { get; }

            public object? Value { get; }

            public string? Path;

            public GenAIException? Error;
        }
    }
}
