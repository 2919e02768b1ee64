using System.Collections.Generic;
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
    [Cmdlet(VerbsLifecycle.Invoke, "GenerateContent")]
    [OutputType(typeof(GenerateContentResponse))]
    public sealed class InvokeGenerateContentCommand : GenerationCmdlet
    {
        private readonly PromptAccumulator _prompt = new PromptAccumulator();

        /// <summary>Text, files, parts or contents. Everything piped into one call forms one prompt.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[] Prompt { get; set; } = null!;

        /// <summary>A model name (gemini-2.5-flash) or a model object from New-GenAIModel.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        public GenerativeModel? Model { get; set; }

        /// <summary>Write each chunk of the reply as soon as it arrives.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        protected override void ProcessRecord() => _prompt.Add(Prompt, MyInvocation.ExpectingInput);

        protected override void EndProcessing()
        {
            var model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
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
            WriteVerboseRedacted($"Sending {contents.Count} content(s) to {model.Name}{(Stream ? " (streaming)" : "")}.");

            TryRun(() =>
            {
                if (Stream)
                {
                    GenerateContentResponse? last = null;
                    foreach (var chunk in Pull(client.Models.StreamGenerateContentAsync(model, contents, BuildOverrides(), options, StopToken)))
                    {
                        WriteObject(chunk);
                        if (chunk.Candidates != null || chunk.PromptFeedback?.BlockReason != null) last = chunk;
                    }
                    if (last != null) ReportProblem(last);
                }
                else
                {
                    var response = Await(client.Models.GenerateContentAsync(model, contents, BuildOverrides(), options, StopToken));
                    WriteObject(response);
                    ReportProblem(response);
                }
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
