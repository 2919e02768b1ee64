using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Batches;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Batches;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;
using GenAI.PowerShell.Paths;
using GenAI.PowerShell.Pipeline;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Starts a batch job (batchGenerateContent): every pipeline item is one request, built as Invoke-GenerateContent
    /// -Each builds it (after the shared -Prompt), with this call's model settings; or -InputFile gives a JSONL of
    /// requests. Requests are written to a JSONL file as they come (one in memory at a time); small batches go inline,
    /// larger ones upload the file. Writes the batch. -Embedding starts an embeddings batch instead (see the .Embedding part).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "GenAIBatch", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(GenAIBatch))]
    public sealed partial class StartGenAIBatchCommand : ModelSettingsCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string FileSet = "InputFile";

        private readonly PromptInput _input = new PromptInput();
        private EachRequests? _each;
        private BatchInputWriter? _writer;
        private GenerativeModel _model = null!;
        private CallOverrides? _overrides;
        private int _position;
        private int _failed;

        /// <summary>Put before every request's own prompt (text, files, parts).</summary>
        [Parameter(Position = 0, ParameterSetName = PipelineSet)]
        [AllowEmptyString]
        public object[]? Prompt { get; set; }

        /// <summary>One request per item: text, a file, parts, contents, or @{ Key = '...'; Prompt = ... } to give the request its own key.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        [Parameter(ValueFromPipeline = true, ParameterSetName = EmbeddingSet)]
        [AllowEmptyString]
        public object[]? InputObject { get; set; }

        /// <summary>A JSONL file of requests, one {"key": "...", "request": {...}} per line, uploaded as it is.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string InputFile { get; set; } = null!;

        /// <summary>The MIME type of byte-array input; for files it replaces the type of their extension.</summary>
        [Parameter(ParameterSetName = PipelineSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? MimeType { get; set; }

        /// <summary>A model name or a model object from New-GenAIModel (its settings apply to every request).</summary>
        [Parameter]
        [ModelArgumentTransformation]
        [ArgumentCompleter(typeof(Completers.ModelCompleter))]
        public GenerativeModel? Model { get; set; }

        /// <summary>The batch's display name; default: genai-powershell- and the time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DisplayName { get; set; }

        /// <summary>Auto (inline up to 1,000 requests and 10 MB, else an uploaded JSONL file), Inline, or File.</summary>
        [Parameter]
        public BatchInputMode InputMode { get => (BatchInputMode)_inputMode; set => _inputMode = value; }

        // Boxed (see ModuleInitializer): a GenAI.Core value type as a field of an exported type would make PowerShell load
        // GenAI.Core while it lists the module's types, before the module's resolver is hooked.
        private object _inputMode = BatchInputMode.Auto;

        /// <summary>A higher priority runs before lower ones among your batches (default 0; negative allowed).</summary>
        [Parameter]
        public long? Priority { get; set; }

        protected override void BeginProcessing()
        {
            if (Embedding)
            {
                BeginEmbedding();
                return;
            }
            _ = Settings;
            _model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            _overrides = Settings.ToOverrides();
            DisplayName ??= "genai-powershell-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            if (ParameterSetName == FileSet) return;
            _input.Begin(this, MimeType, Prompt, null, null, shared: true);
            _writer = new BatchInputWriter(BatchInputStore.NewDraft());
            _each = new EachRequests(_input, Add, sharedPromptAlone: false);
        }

        protected override void ProcessRecord()
        {
            if (_writer == null) return;
            if (Embedding)
            {
                foreach (var item in InputObject ?? new object?[] { null }) AddEmbedding(item);
                return;
            }
            _each!.Take(InputObject, MyInvocation.ExpectingInput);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == FileSet)
            {
                StartFromFile();
                return;
            }
            _each?.Finish();   // an embeddings batch adds its lines as they come
            var writer = _writer!;
            writer.Complete();
            try
            {
                if (_input.Failed || writer.Count == 0)
                {
                    if (writer.Count == 0 && !_input.Failed && _failed == 0)
                        WriteError(ErrorRecordFactory.Create(PowerShellErrorCodes.EmptyBatch, "The batch has no requests: pipe prompts into Start-GenAIBatch, or give -InputFile.", null,
                            "Pipe one prompt per request, e.g. Get-Content prompts.txt | Start-GenAIBatch."));
                    return;
                }
                if (!ShouldProcess($"{writer.Count} request(s) to {_model.Name}", "Start batch")) return;
                WriteVerboseRedacted($"Starting batch '{DisplayName}' of {writer.Count} request(s) ({writer.Bytes} bytes of JSONL) with {_model.Name}.");
                var batch = Create(writer.Path, InputMode);
                if (batch == null) return;
                BatchInputStore.Keep(batch.Name!, writer.Path);
                WriteObject(batch);
            }
            finally
            {
                BatchInputStore.TryDelete(writer.Path);
            }
        }

        private void StartFromFile()
        {
            string path;
            try { path = FileSystemPaths.Unresolved(SessionState.Path, InputFile, "a batch is read from a JSONL file"); }
            catch (InvalidInputException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, InputFile));
                return;
            }
            if (!File.Exists(path))
            {
                WriteError(ErrorRecordFactory.Create(ErrorCodes.PathNotFound, $"The input file '{InputFile}' does not exist.", InputFile,
                    "Give the path of a JSONL file with one {\"key\", \"request\"} object per line."));
                return;
            }
            if (!ShouldProcess($"{path} to {_model.Name}", "Start batch")) return;
            var batch = Create(path, InputMode == BatchInputMode.Auto ? BatchInputMode.File : InputMode);
            if (batch == null) return;
            BatchInputStore.KeepReference(batch.Name!, path);
            WriteObject(batch);
        }

        private GenAIBatch? Create(string path, BatchInputMode mode)
        {
            var client = Client;
            var options = BuildRequestOptions();
            GenAIBatch? created = null;
            TryRun(() => created = Await(client.Batches.CreateAsync(_model.Name, path, DisplayName!, mode, Embedding ? BatchMethod.EmbedContent : BatchMethod.GenerateContent, Priority, Pump.UploadProgress(), options, StopToken)),
                path);
            return created;
        }

        private void Add(object? item)
        {
            _position++;
            if (_input.Failed) return;
            string? key = null;
            if (TryTakeKey(ref item, out var given)) key = given;
            try
            {
                var contents = _input.ToContentsWith(item);
                var request = _model.BuildRequest(contents, _overrides);
                _writer!.Add(key ?? _position.ToString(System.Globalization.CultureInfo.InvariantCulture), request, GenAIJsonContext.Default.GenerateContentRequest);
            }
            catch (GenAIException ex)
            {
                _failed++;
                WriteError(ErrorRecordFactory.Create(ex, item));
            }
        }

        // @{ Key = 'ticket-17'; Prompt = '...' } (a hashtable or any object with Key and Prompt): the request's own key.
        private static bool TryTakeKey(ref object? item, out string? key)
        {
            key = null;
            object? value = item is PSObject ps ? ps.BaseObject : item;
            if (value is IDictionary map && map.Contains("Key") && map.Contains("Prompt"))
            {
                key = Convert.ToString(map["Key"], System.Globalization.CultureInfo.InvariantCulture);
                item = map["Prompt"];
                return true;
            }
            if (item is PSObject obj && obj.Properties["Key"] is PSPropertyInfo k && obj.Properties["Prompt"] is PSPropertyInfo p && !(value is string))
            {
                key = Convert.ToString(k.Value, System.Globalization.CultureInfo.InvariantCulture);
                item = p.Value;
                return true;
            }
            return false;
        }
    }
}
