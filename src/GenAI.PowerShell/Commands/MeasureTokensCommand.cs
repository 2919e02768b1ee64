using System.Collections.Generic;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tokenization;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Counts the tokens a prompt costs: with the service's countTokens, or offline with the Gemma 3 vocabulary.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Tokens")]
    [Alias("Measure-GenAIToken")]
    [OutputType(typeof(CountTokensResponse), typeof(OfflineTokenCount))]
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

        /// <summary>Count locally with the installed Gemma 3 vocabulary: no key, no network. Works with every input form.</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        /// <summary>With -Offline: list every counted string and its count in the output's Details.</summary>
        [Parameter]
        public SwitchParameter IncludeDetail { get; set; }

        protected override void BeginProcessing()
        {
            if (IncludeDetail && !Offline)
                ThrowTerminatingError(ErrorRecordFactory.Create("IncludeDetailRequiresOffline", ErrorCategory.InvalidArgument,
                    "-IncludeDetail lists the strings an offline count counted; it needs -Offline.", null, "Add -Offline, or leave out -IncludeDetail."));
        }

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
            if (Offline)
            {
                CountOffline(model, contents);
                return;
            }
            var options = BuildRequestOptions();
            var client = Client;
            TryRun(() => WriteObject(Await(client.Models.CountTokensAsync(model, contents, null, options, StopToken))), _prompt.Target);
        }

        // Never touches Client: no key, endpoint or network is needed.
        private void CountOffline(GenerativeModel model, List<Content> contents)
        {
            var counter = new LocalTokenCounter(LoadTokenizer());
            TryRun(() =>
            {
                OfflineTokenCount count = counter.CountRequest(model, contents, null, IncludeDetail);
                foreach (string warning in count.Warnings) WriteWarning(warning);
                WriteObject(count);
            }, _prompt.Target);
        }

        private GemmaTokenizer LoadTokenizer()
        {
            TokenizerCache cache = TokenizerCache.Default;
            if (cache.LoadedTokenizer != null) return cache.LoadedTokenizer;
            WriteVerbose($"Loading the Gemma 3 vocabulary from '{cache.Directory}' (once per session).");
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
