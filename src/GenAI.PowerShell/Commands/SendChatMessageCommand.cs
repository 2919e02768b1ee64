using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Concurrency;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Formatting;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Sends the next message of a chat session; the turn enters the history only when the reply is complete and valid.</summary>
    [Cmdlet(VerbsCommunications.Send, "ChatMessage", DefaultParameterSetName = PositionalSet)]
    [OutputType(typeof(GenerateContentResponse))]
    public sealed class SendChatMessageCommand : GenerationCmdlet
    {
        // Two sets so that both `Send-ChatMessage $chat 'hi'` and `$chat | Send-ChatMessage 'hi'` bind.
        private const string PositionalSet = "Positional";
        private const string PipedSessionSet = "PipedSession";

        private readonly PromptInput _message = new PromptInput();

        /// <summary>The session from Start-ChatSession (also from the pipeline).</summary>
        [Parameter(ParameterSetName = PositionalSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = PipedSessionSet, Mandatory = true, ValueFromPipeline = true)]
        public ChatSession Session { get; set; } = null!;

        /// <summary>The message: text, files or parts.</summary>
        [Parameter(ParameterSetName = PositionalSet, Position = 1)]
        [Parameter(ParameterSetName = PipedSessionSet, Position = 0)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? Message { get; set; }

        /// <summary>Pipeline input added to the message: lines (joined with newlines), files, byte arrays, parts.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public object[]? InputObject { get; set; }

        /// <summary>Files to add to the message; wildcards are expanded from the current location.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Files to add to the message, taken exactly as typed.</summary>
        [Parameter]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>The MIME type of byte-array input; for files it replaces the type of their extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MimeType { get; set; }

        /// <summary>Write each chunk as it arrives; the turn is added to the history when the stream completes.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        protected override void BeginProcessing()
        {
            if (Path != null && LiteralPath != null)
                ThrowTerminatingError(ErrorRecordFactory.Create("ParameterConflict", ErrorCategory.InvalidArgument,
                    "-Path and -LiteralPath cannot be used together.", LiteralPath, "Use -Path for wildcards, -LiteralPath for exact names."));
            _message.Begin(this, MimeType, Message, Path, LiteralPath, shared: false);
        }

        protected override void ProcessRecord()
        {
            // A piped session binds Session (and InputObject): only take items that are not the session itself.
            if (InputObject != null) _message.Add(InputObject.Where(m => !(PromptConverter.Normalize(m) is ChatSession)).ToArray(), MyInvocation.ExpectingInput);
        }

        protected override void EndProcessing()
        {
            var contents = _message.ToContents();
            if (contents == null) return;
            if (contents.Count == 0)
                ThrowTerminatingError(ErrorRecordFactory.Create(new InvalidInputException("EmptyPrompt", "The message is empty: there is nothing to send.",
                    recommendedAction: "Pass text or files to -Message or -Path, or pipe them in."), null));
            var message = contents.Count == 1 ? contents[0] : new Content("user", contents.SelectMany(c => c.Parts));

            var options = BuildRequestOptions();
            var client = Client;
            var session = Session;
            var overrides = BuildOverrides();
            var batch = new OrderedBatch(1, StopToken);
            batch.Start(_message.Target, async (sink, token) =>
            {
                // The session copies the message into its history with the file's bytes: later turns do not need the file.
                var sent = (await client.Files.MoveLargeInlineDataToFilesAsync(new[] { message }, progress: new SinkProgress(sink), options: options, cancellationToken: token)
                    .ConfigureAwait(false))[0];
                if (Stream)
                {
                    await foreach (var chunk in session.StreamAsync(client.Models, sent, overrides, options, token).ConfigureAwait(false))
                        sink.Output(chunk);
                }
                else
                {
                    sink.Output(await session.SendAsync(client.Models, sent, overrides, options, token).ConfigureAwait(false));
                }
            });
            bool toConsole = Stream && ChunkDisplay.GoesToConsole(this);
            WriteEvents(batch.TakeAll(), e => WriteObject(ChunkDisplay.Prepare((GenerateContentResponse)e.Value!, toConsole)));
        }
    }
}
