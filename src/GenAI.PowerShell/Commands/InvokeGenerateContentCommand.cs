using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Formatting;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Output;
using GenAI.PowerShell.Pipeline;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Sends a prompt to a model and writes the reply, or each streamed chunk as it arrives. Everything
    /// given in one call (-Prompt, -Path files, pipeline input) is one prompt; with -Each every pipeline
    /// item is its own request (after the -Prompt and -Path parts they share), run -ThrottleLimit at a
    /// time, replies written in input order. A model object in the pipeline is the model to use.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GenerateContent", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(GenerateContentResponse))]
    public sealed class InvokeGenerateContentCommand : GenerationCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const int BatchActivityId = 1;

        private readonly PromptInput _input = new PromptInput();
        private OrderedBatch? _batch;
        private EachRequests? _each;
        private GenAIClient _client = null!;
        private RequestOptions _options = null!;
        private CallOverrides? _overrides;
        private GenerativeModel? _pipedModel;
        private GenerativeModel? _modelInUse;
        private GenerateContentResponse? _lastReply;
        private bool _chunksToConsole;
        private Jobs.GenAIJob? _job;

        /// <summary>The prompt: text, files, parts, contents or a conversation. With -Each it is put before every item.</summary>
        [Parameter(Position = 0)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? Prompt { get; set; }

        /// <summary>Pipeline input: lines, files, byte arrays, parts or contents, all added to the prompt (with -Each: one request each); a model object sets the model.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? InputObject { get; set; }

        /// <summary>Files to add to the prompt; wildcards are expanded from the current location.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Files to add to the prompt, taken exactly as typed (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Gemini 3: the resolution of each image, video, PDF or audio file in the prompt (Part.mediaResolution), overriding -MediaResolution.</summary>
        [Parameter]
        [ValidateSet("Low", "Medium", "High", "UltraHigh")]
        public string? FileMediaResolution { get; set; }

        /// <summary>The MIME type of byte-array input; for files it replaces the type of their extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? MimeType { get; set; }

        /// <summary>A model name (gemini-2.5-flash) or a model object from New-GenAIModel.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Write each chunk of the reply as soon as it arrives.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        /// <summary>Send each pipeline item as its own request instead of joining them into one prompt.</summary>
        [Parameter]
        public SwitchParameter Each { get; set; }

        /// <summary>With -Each, how many requests run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Return at once with a job (GenAIJob) that makes the call; Receive-Job gets the replies (or chunks as they come).</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        // The model: -Model, else a piped model object, else the configured default. Fixed once a request is built.
        private GenerativeModel ModelInUse => _modelInUse ??= Model ?? _pipedModel ?? new GenerativeModel(ModuleConfiguration.DefaultModel);

        protected override void BeginProcessing()
        {
            RejectWithStream(Stream, AutomaticFunctionCalling);
            if (Each && AutomaticFunctionCalling)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.FunctionCallingNotBatched,
                    "Automatic function calling runs the model's commands on the pipeline thread, one reply at a time; it cannot be combined with -Each.", null,
                    "Drop -Each (call the cmdlet once per item, e.g. in ForEach-Object), or drop -AutomaticFunctionCalling."));
            RejectWithJob(AsJob, AutomaticFunctionCalling, "-AutomaticFunctionCalling", "the model's commands run on the pipeline thread, which a job does not have.");
            RejectWithJob(AsJob, AsObject, "-AsObject", "a job writes the replies themselves.");
            _ = Settings;
            _options = BuildRequestOptions();
            _overrides = BuildOverrides();   // here, on the pipeline thread: -Each requests run on the thread pool
            _chunksToConsole = Stream && !AsJob && ChunkDisplay.GoesToConsole(this);
            _input.Begin(this, MimeType, Prompt, Path, LiteralPath, shared: Each, FileMediaResolution == null ? null : Input.MediaSettings.ResolutionName(FileMediaResolution));
            if (AsJob) _job = NewJob(_options);
            if (!Each) return;
            _batch = _job != null ? new OrderedBatch(ThrottleLimit, _job.StopToken) : Pump.NewBatch(ThrottleLimit);
            _each = new EachRequests(_input, StartItem);
        }

        protected override void ProcessRecord()
        {
            var items = TakeModels(InputObject);
            if (!Each)
            {
                _input.Add(items, MyInvocation.ExpectingInput);
                return;
            }
            _each!.Take(items, MyInvocation.ExpectingInput);
            if (_job == null) Pump.Drain(_batch!.TakeReady(), WriteOutput, OnCompleted, BatchActivityId);
        }

        protected override void EndProcessing()
        {
            if (Each)
            {
                _each!.Finish();
                if (_job != null)
                {
                    StartJob(_job, _batch!, JobOutput, JobCompleted);
                    return;
                }
                Pump.Drain(_batch!.TakeAll(), WriteOutput, OnCompleted, BatchActivityId);
                WriteProgress(EachRequests.Done(BatchActivityId, "Invoke-GenerateContent"));
                return;
            }

            var contents = _input.ToContents();
            if (contents == null) return;
            var model = ModelInUse;
            _client = ClientFor(_input.Target);
            WriteVerboseRedacted($"Sending {contents.Count} content(s) to {model.Name}{(Stream ? " (streaming)" : "")}.");
            if (AutomaticFunctionCalling)
            {
                // The model's commands run on this thread while the core waits.
                TryRun(() =>
                {
                    var response = RunWithFunctionCalling(calling => _client.Prompts.GenerateContentAsync(model, contents, calling, _overrides, Pump.UploadProgress(), _options, StopToken),
                        MaximumFunctionCalls, model.Name).Response;
                    WriteReply(response, EffectiveConfig(), _input.Target);
                    ReportProblem(response, _input.Target);
                }, _input.Target);
                return;
            }
            if (_job != null)
            {
                var single = new OrderedBatch(1, _job.StopToken);
                single.Start(_input.Target, (sink, token) => GenerateAsync(model, contents, sink, token));
                StartJob(_job, single, JobOutput, JobCompleted);
                return;
            }
            object? target = _input.Target;
            bool sent = TryRun(() =>
            {
                if (!Stream)
                {
                    Write(Await(_client.Prompts.GenerateContentAsync(model, contents, _overrides, Pump.UploadProgress(), _options, StopToken)), target);
                    return;
                }
                foreach (var chunk in Pull(_client.Prompts.StreamGenerateContentAsync(model, contents, _overrides, Pump.UploadProgress(), _options, StopToken)))
                    Write(chunk, target);
            }, target);
            var reply = _lastReply;
            _lastReply = null;
            if (sent && reply != null) ReportProblem(reply, target);
        }

        // A model object in the pipeline is the model to use, not part of the prompt.
        private object[]? TakeModels(object[]? items)
        {
            if (items == null) return null;
            var rest = new List<object>();
            foreach (var item in items)
            {
                if (!(PlainValues.Base(item) is GenerativeModel model))
                {
                    rest.Add(item);
                    continue;
                }
                if (Model != null || (_pipedModel != null && !ReferenceEquals(_pipedModel, model)) || (_modelInUse != null && !ReferenceEquals(_modelInUse, model)))
                    ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.ConflictingModels,
                        "Two models were given (by -Model or the pipeline), or the model came after the prompts; a call uses one model.", model,
                        "Pass one model: pipe it before the prompts, or give -Model."));
                _pipedModel = model;
            }
            return rest.Count == items.Length ? items : rest.ToArray();
        }

        private void StartItem(object? item)
        {
            if (_input.Failed) return;
            var model = ModelInUse;
            _client = ClientFor(item ?? _input.Target);   // on first use, so a missing key names the prompt
            var contents = EachRequests.StartInBatch(_batch!, _input, item, (prompt, sink, token) => GenerateAsync(model, prompt, sink, token));
            if (contents != null) WriteVerboseRedacted($"Item {_batch!.Started}: sending {contents.Count} content(s) to {model.Name}.");
        }

        private async Task GenerateAsync(GenerativeModel model, IReadOnlyList<Content> contents, IBatchSink sink, CancellationToken token)
        {
            var uploads = new SinkProgress(sink);
            if (Stream)
            {
                await foreach (var chunk in _client.Prompts.StreamGenerateContentAsync(model, contents, _overrides, uploads, _options, token).ConfigureAwait(false))
                    sink.Output(chunk);
            }
            else
            {
                sink.Output(await _client.Prompts.GenerateContentAsync(model, contents, _overrides, uploads, _options, token).ConfigureAwait(false));
            }
        }

        private GenerationConfig? EffectiveConfig() => GenerativeModel.MergeGenerationConfig(ModelInUse.GenerationConfig, _overrides?.GenerationConfig);

        private void WriteOutput(BatchEvent e) => Write((GenerateContentResponse)e.Value!, e.Target);

        // A reply or a streamed chunk; the last one that says how the reply ended is kept to report a problem when it completes.
        private void Write(GenerateContentResponse reply, object? target)
        {
            if (!reply.IsStreamChunk || reply.Candidates != null || reply.PromptFeedback?.BlockReason != null) _lastReply = reply;
            if (!reply.IsStreamChunk) WriteReply(reply, EffectiveConfig(), target, eachInput: Each);
            else if (Each) WriteObject(EachInput.Attach(ChunkDisplay.Prepare(reply, _chunksToConsole), target));
            else WriteObject(ChunkDisplay.Prepare(reply, _chunksToConsole));
        }

        // -AsJob: replies and chunks go to the job's output as they come (chunks in their plain view), problems to its errors.
        private void JobOutput(BatchEvent e)
        {
            var reply = (GenerateContentResponse)e.Value!;
            if (!reply.IsStreamChunk || reply.Candidates != null || reply.PromptFeedback?.BlockReason != null) _lastReply = reply;
            _job!.WriteOutput(reply.IsStreamChunk ? ChunkDisplay.Prepare(reply, false) : reply);
        }

        private void JobCompleted(BatchEvent completed)
        {
            var reply = _lastReply;
            _lastReply = null;
            var problem = reply != null && completed.Error == null ? ResponseChecks.FindProblem(reply) : null;
            if (problem != null) _job!.WriteError(ErrorRecordFactory.Create(problem, completed.Target));
        }

        private void OnCompleted(BatchEvent completed)
        {
            var reply = _lastReply;
            _lastReply = null;
            if (Each) WriteProgress(EachRequests.Progress(_batch!, completed, BatchActivityId, "Invoke-GenerateContent", "done"));
            if (reply != null && completed.Error == null) ReportProblem(reply, completed.Target);
        }

        // The reply is written either way (nothing is lost); a blocked prompt or an abnormal stop is also an error.
        private void ReportProblem(GenerateContentResponse response, object? target)
        {
            var problem = ResponseChecks.FindProblem(response);
            if (problem != null) WriteError(ErrorRecordFactory.Create(problem, target));
        }
    }
}
