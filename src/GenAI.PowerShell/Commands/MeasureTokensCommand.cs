using System.Management.Automation;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Counts the tokens a prompt costs with the service's countTokens.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Tokens", DefaultParameterSetName = PathSet)]
    [Alias("Measure-GenAIToken")]
    [OutputType(typeof(CountTokensResponse))]
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
        public string? MimeType { get; set; }

        /// <summary>A model name or a model object from New-GenAIModel; its system instruction and tools count too.</summary>
        [Parameter]
        [ModelArgumentTransformation]
        public GenerativeModel? Model { get; set; }

        protected override void BeginProcessing() => _input.Begin(this, MimeType, Prompt, Path, LiteralPath, shared: false);

        protected override void ProcessRecord() => _input.Add(InputObject, MyInvocation.ExpectingInput);

        protected override void EndProcessing()
        {
            var contents = _input.ToContents();
            if (contents == null) return;
            var model = Model ?? new GenerativeModel(ModuleConfiguration.DefaultModel);
            var options = BuildRequestOptions();
            var client = Client;
            var batch = new OrderedBatch(1, StopToken);
            batch.Start(_input.Target, async (sink, token) =>
            {
                var sent = await client.Files.MoveLargeInlineDataToFilesAsync(contents, progress: new SinkProgress(sink), options: options, cancellationToken: token)
                    .ConfigureAwait(false);
                sink.Output(await client.Models.CountTokensAsync(model, sent, null, options, token).ConfigureAwait(false));
            });
            WriteEvents(batch.TakeAll(), e => WriteObject(e.Value));
        }
    }
}
