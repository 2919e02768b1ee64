using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tokenization;
using GenAI.Core.Transport;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Output;
using GenAI.PowerShell.Pipeline;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Counts the tokens a prompt costs: with the service's countTokens, or offline with the Gemma 3 vocabulary.
    /// Everything given in one call is one prompt; with -Each every pipeline item is counted on its own (after the
    /// -Prompt and -Path parts they share), -ThrottleLimit requests at a time, counts written in input order.
    /// Per-call settings (system instruction, tools, generation config) are counted as the seed's count_tokens does.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Tokens", DefaultParameterSetName = PathSet)]
    [Alias("Measure-GenAIToken")]
    [OutputType(typeof(CountTokensResponse), typeof(OfflineTokenCount))]
    public sealed class MeasureTokensCommand : ModelSettingsCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const int BatchActivityId = 1;

        private readonly PromptInput _input = new PromptInput();
        private OrderedBatch? _batch;
        private EachRequests? _each;
        private Jobs.GenAIJob? _job;
        private LocalTokenCounter? _offlineCounter;
        private GenAIClient _client = null!;
        private RequestOptions? _options;
        private GenerativeModel? _model;
        private CallOverrides? _overrides;

        /// <summary>Text, files, parts or contents to count.</summary>
        [Parameter(Position = 0)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? Prompt { get; set; }

        /// <summary>Pipeline input, counted together with -Prompt as one prompt.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? InputObject { get; set; }

        /// <summary>Files to count with the prompt; wildcards are expanded from the current location.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Files to count with the prompt, taken exactly as typed.</summary>
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>The MIME type of byte-array input; for files it replaces the type of their extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? MimeType { get; set; }

        /// <summary>A model name or a model object from New-GenAIModel; its system instruction and tools count too.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>Count locally with the installed Gemma 3 vocabulary: no key, no network. Works with every input form.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        /// <summary>With -Offline: list every counted string and its count in the output's Details.</summary>
        [Parameter]
        public SwitchParameter IncludeDetail { get; set; }

        /// <summary>Count each pipeline item on its own instead of joining them into one prompt.</summary>
        [Parameter]
        public SwitchParameter Each { get; set; }

        /// <summary>With -Each, how many countTokens requests run at once (offline counts run one after another).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Return at once with a job (GenAIJob) that asks the service; Receive-Job gets the counts.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        private GenerativeModel ModelInUse => _model ??= Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);

        protected override void BeginProcessing()
        {
            if (IncludeDetail && !Offline)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.IncludeDetailRequiresOffline,
                    "-IncludeDetail lists the strings an offline count counted; it needs -Offline.", null, "Add -Offline, or leave out -IncludeDetail."));
            RejectWithJob(AsJob, Offline, "-Offline", "an offline count is made on this machine at once; a job is for calls to the service.");
            _overrides = Settings.ToOverrides();   // validated here, before anything is sent
            _input.Begin(this, MimeType, Prompt, Path, LiteralPath, shared: Each);
            if (AsJob)
            {
                _client = ClientFor(_input.Target);
                _options = BuildRequestOptions();
                _job = NewJob(_options);
            }
            if (!Each) return;
            _each = new EachRequests(_input, CountItem);
            if (Offline)
            {
                _offlineCounter = new LocalTokenCounter(LoadTokenizer());
                return;
            }
            _client = ClientFor(_input.Target);
            _options ??= BuildRequestOptions();
            _batch = _job != null ? new OrderedBatch(ThrottleLimit, _job.StopToken) : Pump.NewBatch(ThrottleLimit);
        }

        protected override void ProcessRecord()
        {
            if (!Each)
            {
                _input.Add(InputObject, MyInvocation.ExpectingInput);
                return;
            }
            _each!.Take(InputObject, MyInvocation.ExpectingInput);
            if (_batch != null && _job == null) Pump.Drain(_batch.TakeReady(), WriteCount, OnItemCompleted, BatchActivityId);
        }

        protected override void EndProcessing()
        {
            if (Each)
            {
                _each!.Finish();
                if (_batch == null) return;
                if (_job != null)
                {
                    StartJob(_job, _batch, e => _job.WriteOutput(e.Value!));
                    return;
                }
                Pump.Drain(_batch.TakeAll(), WriteCount, OnItemCompleted, BatchActivityId);
                WriteProgress(EachRequests.Done(BatchActivityId, "Measure-Tokens"));
                return;
            }

            var contents = _input.ToContents();
            if (contents == null) return;
            var model = ModelInUse;
            if (Offline)
            {
                CountOffline(new LocalTokenCounter(LoadTokenizer()), model, contents, _input.Target);
                return;
            }
            if (_job != null)
            {
                var single = new OrderedBatch(1, _job.StopToken);
                single.Start(_input.Target, (sink, token) => CountAsync(model, contents, sink, token));
                StartJob(_job, single, e => _job.WriteOutput(e.Value!));
                return;
            }
            var options = BuildRequestOptions();
            var client = ClientFor(_input.Target);
            TryRun(() => WriteObject(Await(client.Prompts.CountTokensAsync(model, contents, _overrides, Pump.UploadProgress(), options, StopToken))), _input.Target);
        }

        // One -Each item (null: the shared -Prompt/-Path parts alone): counted here when offline, else started in the batch.
        private void CountItem(object? item)
        {
            if (_input.Failed) return;
            var model = ModelInUse;
            if (_batch != null)
            {
                EachRequests.StartInBatch(_batch, _input, item, (prompt, sink, token) => CountAsync(model, prompt, sink, token));
                return;
            }
            object? target = item ?? _input.Target;
            List<Content> contents;
            try
            {
                contents = _input.ToContentsWith(item);
            }
            catch (GenAIException ex)
            {
                WriteError(ErrorRecordFactory.Create(ex, target));
                return;
            }
            CountOffline(_offlineCounter!, model, contents, target, each: true);
        }

        private async Task CountAsync(GenerativeModel model, List<Content> prompt, IBatchSink sink, CancellationToken token)
        {
            sink.Output(await _client.Prompts.CountTokensAsync(model, prompt, _overrides, new SinkProgress(sink), _options, token).ConfigureAwait(false));
        }

        private void WriteCount(BatchEvent e) => WriteObject(EachInput.Attach(e.Value!, e.Target));

        private void OnItemCompleted(BatchEvent completed) => WriteProgress(EachRequests.Progress(_batch!, completed, BatchActivityId, "Measure-Tokens", "counted"));

        // Never touches Client: no key, endpoint or network is needed.
        private void CountOffline(LocalTokenCounter counter, GenerativeModel model, List<Content> contents, object? target, bool each = false)
        {
            TryRun(() =>
            {
                OfflineTokenCount count = counter.CountRequest(model, contents, _overrides, IncludeDetail);
                for (int i = 0; i < count.Warnings.Count; i++)
                {
                    // The core states what was left out; how to get the service's count is this cmdlet's to say.
                    bool aboutParts = i == 0 && count.NotCounted.Count > 0;
                    WriteWarning(aboutParts ? count.Warnings[i] + " Run Measure-Tokens without -Offline for the service's count." : count.Warnings[i]);
                }
                WriteObject(each ? EachInput.Attach(count, target) : count);
            }, target);
        }

        private GemmaTokenizer LoadTokenizer()
        {
            TokenizerCache cache = TokenizerCache.Default;
            if (cache.LoadedTokenizer != null) return cache.LoadedTokenizer;
            WriteVerboseRedacted($"Loading the Gemma 3 vocabulary from '{cache.Directory}' (once per session).");
            try
            {
                return cache.GetTokenizer();
            }
            catch (TokenizerNotInstalledException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, cache.Directory));
                return null!;
            }
        }
    }
}
