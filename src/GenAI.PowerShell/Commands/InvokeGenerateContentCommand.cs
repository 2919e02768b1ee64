using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Sends a prompt to a model and writes the reply, or each streamed chunk as it arrives.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "GenerateContent", DefaultParameterSetName = PromptSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(GenerateContentResponse))]
    public sealed class InvokeGenerateContentCommand : GenerationCmdlet
    {
        // Two sets so that both `'hi' | Invoke-GenerateContent` and `$model | Invoke-GenerateContent 'hi'` bind.
        private const string PromptSet = "Prompt";
        private const string PipedInputSet = "PipedInput";

        private readonly PromptAccumulator _prompt = new PromptAccumulator();
        private GenerativeModel? _pipedModel;
        private bool _argumentPromptAdded;

        /// <summary>Text, files, parts or contents. Everything piped into one call forms one prompt.</summary>
        [Parameter(ParameterSetName = PromptSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = PipedInputSet, Position = 0)]
        [AllowEmptyString]
        public object[] Prompt { get; set; } = null!;

        /// <summary>Piped input when the prompt is an argument: a model object sets the model, anything else joins the prompt.</summary>
        [Parameter(ParameterSetName = PipedInputSet, Mandatory = true, ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        /// <summary>A model name (gemini-2.5-flash) or a model object from New-GenAIModel.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        public GenerativeModel? Model { get; set; }

        /// <summary>Write each chunk of the reply as soon as it arrives.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        protected override void BeginProcessing()
        {
            RejectWithStream(Stream, AutomaticFunctionCalling);
            _ = Settings;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PipedInputSet)
            {
                if (!_argumentPromptAdded) _prompt.Add(Prompt, fromPipeline: false);
                _argumentPromptAdded = true;
                AddPiped(new[] { InputObject });
            }
            else if (MyInvocation.ExpectingInput)
            {
                AddPiped(Prompt);
            }
            else
            {
                _prompt.Add(Prompt, fromPipeline: false);
            }
        }

        // A model object in the pipeline is the model to use, not part of the prompt.
        private void AddPiped(object?[]? items)
        {
            var promptItems = new List<object?>();
            foreach (var item in items ?? new object?[0])
            {
                if (PromptConverter.Normalize(item) is GenerativeModel model)
                {
                    if (Model != null || (_pipedModel != null && !ReferenceEquals(_pipedModel, model)))
                        ThrowTerminatingError(ErrorRecordFactory.Create("ConflictingModels", ErrorCategory.InvalidArgument,
                            "Two models were given (by -Model or the pipeline); a call uses one.", model, "Pass one model: pipe it or give -Model."));
                    _pipedModel = model;
                }
                else
                {
                    promptItems.Add(item);
                }
            }
            _prompt.Add(promptItems.ToArray(), fromPipeline: true);
        }

        protected override void EndProcessing()
        {
            var model = Model ?? _pipedModel ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            List<Content> contents;
            try
            {
                contents = _prompt.ToContents();
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, _prompt.Items));
                return;
            }
            var options = BuildRequestOptions();
            var client = Client;
            var overrides = BuildOverrides();
            WriteVerbose($"Sending {contents.Count} content(s) to {model.Name}{(Stream ? " (streaming)" : "")}.");

            TryRun(() =>
            {
                if (Stream)
                {
                    GenerateContentResponse? last = null;
                    foreach (var chunk in Pull(client.Models.StreamGenerateContentAsync(model, contents, overrides, options, StopToken)))
                    {
                        WriteObject(chunk);
                        if (chunk.Candidates != null || chunk.PromptFeedback?.BlockReason != null) last = chunk;
                    }
                    if (last != null) ReportProblem(last);
                    return;
                }
                GenerateContentResponse response = AutomaticFunctionCalling
                    ? RunWithFunctionCalling(calling => client.Models.GenerateContentAsync(model, contents, calling, overrides, options, StopToken), MaximumFunctionCalls).Response
                    : Await(client.Models.GenerateContentAsync(model, contents, overrides, options, StopToken));
                WriteReply(response, GenerativeModel.MergeGenerationConfig(model.GenerationConfig, overrides?.GenerationConfig), _prompt.Target);
                ReportProblem(response);
            }, _prompt.Target);
        }

        // The reply is written either way (nothing is lost); a blocked prompt or an abnormal stop is also an error.
        private void ReportProblem(GenerateContentResponse response)
        {
            var problem = ResponseChecks.FindProblem(response);
            if (problem != null) WriteError(ErrorRecordFactory.Create(problem, _prompt.Target));
        }
    }
}
