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
    /// <summary>Counts the tokens a prompt costs with the service's countTokens.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Tokens")]
    [Alias("Measure-GenAIToken")]
    [OutputType(typeof(CountTokensResponse))]
    public sealed class MeasureTokensCommand : GenAICmdlet
    {
        private readonly PromptAccumulator _prompt = new PromptAccumulator();

        /// <summary>Text, files, parts or contents. Everything piped into one call is counted as one prompt.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[] Prompt { get; set; } = null!;

        /// <summary>A model name or a model object from New-GenAIModel; its system instruction and tools count too.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        public GenerativeModel? Model { get; set; }

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
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, _prompt.Target));
                return;
            }
            var options = BuildRequestOptions();
            var client = Client;
            TryRun(() => WriteObject(Await(client.Models.CountTokensAsync(model, contents, null, options, StopToken))), _prompt.Target);
        }
    }
}
