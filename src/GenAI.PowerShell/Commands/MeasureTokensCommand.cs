using System.Collections.Generic;
using System.Management.Automation;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Tokenization;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Counts the tokens a prompt costs: with the service's countTokens, or offline with the Gemma 3 vocabulary.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Tokens", DefaultParameterSetName = PathSet)]
    [Alias("Measure-GenAIToken")]
    [OutputType(typeof(CountTokensResponse), typeof(OfflineTokenCount))]
    public sealed class MeasureTokensCommand : GenAICmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly PromptInput _input = new PromptInput();

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

        protected override void BeginProcessing()
        {
            if (IncludeDetail && !Offline)
                ThrowTerminatingError(ErrorRecordFactory.Create("IncludeDetailRequiresOffline", ErrorCategory.InvalidArgument,
                    "-IncludeDetail lists the strings an offline count counted; it needs -Offline.", null, "Add -Offline, or leave out -IncludeDetail."));
            _input.Begin(this, MimeType, Prompt, Path, LiteralPath, shared: false);
        }

        protected override void ProcessRecord() => _input.Add(InputObject, MyInvocation.ExpectingInput);

        protected override void EndProcessing()
        {
            var contents = _input.ToContents();
            if (contents == null) return;
            var model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            if (Offline)
            {
                CountOffline(model, contents);
                return;
            }
            var options = BuildRequestOptions();
            var client = Client;
            var sent = MoveLargeInlineData(client, contents, options, _input.Target);
            if (sent == null) return;
            TryRun(() => WriteObject(Await(client.Models.CountTokensAsync(model, sent, null, options, StopToken))), _input.Target);
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
            }, _input.Target);
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
