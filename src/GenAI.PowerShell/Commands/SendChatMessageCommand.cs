using System.Threading.Tasks;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Formatting;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Sends the next message of a chat session; the turn enters the history only when the reply is complete and valid.</summary>
    [Cmdlet(VerbsCommunications.Send, "ChatMessage", DefaultParameterSetName = PositionalSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
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

        /// <summary>Gemini 3: the resolution of each image, video, PDF or audio file in the prompt (Part.mediaResolution), overriding -MediaResolution.</summary>
        [Parameter]
        [ValidateSet("Low", "Medium", "High", "UltraHigh")]
        public string? FileMediaResolution { get; set; }

        /// <summary>The MIME type of byte-array input; for files it replaces the type of their extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.MimeTypeCompleter))]
        public string? MimeType { get; set; }

        /// <summary>Write each chunk as it arrives; the turn is added to the history when the stream completes.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        /// <summary>Return at once with a job (GenAIJob) that sends the message; the turn enters the history when the job's reply is complete.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        protected override void BeginProcessing()
        {
            _ = Settings;
            if (Path != null && LiteralPath != null)
                ThrowTerminatingError(ErrorRecordFactory.Create(PowerShellErrorCodes.ConflictingParameters,
                    "-Path and -LiteralPath cannot be used together.", LiteralPath, "Use -Path for wildcards, -LiteralPath for exact names."));
            _message.Begin(this, MimeType, Message, Path, LiteralPath, shared: false, FileMediaResolution == null ? null : Input.MediaSettings.ResolutionName(FileMediaResolution));
        }

        protected override void ProcessRecord()
        {
            // A piped session binds Session (and InputObject): only take items that are not the session itself.
            if (InputObject != null) _message.Add(InputObject.Where(m => !(PlainValues.Base(m) is ChatSession)).ToArray(), MyInvocation.ExpectingInput);
        }

        protected override void EndProcessing()
        {
            var contents = _message.ToContents();
            if (contents == null) return;
            if (contents.Count == 0)
                ThrowTerminatingError(ErrorRecordFactory.Create(new InvalidInputException(ErrorCodes.EmptyPrompt, "The message is empty: there is nothing to send.",
                    recommendedAction: "Pass text or files to -Message or -Path, or pipe them in."), null));
            var message = contents.Count == 1 ? contents[0] : new Content("user", contents.SelectMany(c => c.Parts));

            var options = BuildRequestOptions();
            var client = ClientFor(_message.Target);
            var overrides = BuildOverrides();
            bool functionCalling = MyInvocation.BoundParameters.ContainsKey(nameof(AutomaticFunctionCalling)) ? AutomaticFunctionCalling.IsPresent : Session.AutomaticFunctionCalling;
            int maximumCalls = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumFunctionCalls)) ? MaximumFunctionCalls : Session.MaximumFunctionCalls;
            RejectWithStream(Stream, functionCalling);
            RejectWithJob(AsJob, functionCalling, "automatic function calling", "the model's commands run on the pipeline thread, which a job does not have (turn it off with -AutomaticFunctionCalling:$false).");
            RejectWithJob(AsJob, AsObject, "-AsObject", "a job writes the replies themselves.");

            if (AsJob)
            {
                SendAsJob(client, message, overrides, options);
                return;
            }
            bool toConsole = Stream && ChunkDisplay.GoesToConsole(this);
            var uploads = Pump.UploadProgress();
            TryRun(() =>
            {
                if (Stream)
                {
                    foreach (var chunk in Pull(client.Prompts.StreamAsync(Session, message, overrides, uploads, options, StopToken)))
                        WriteObject(ChunkDisplay.Prepare(chunk, toConsole));
                    return;
                }
                var response = functionCalling
                    ? RunWithFunctionCalling(calling => client.Prompts.SendAsync(Session, message, calling, overrides, uploads, options, StopToken), maximumCalls, Session.Model.Name).Response
                    : Await(client.Prompts.SendAsync(Session, message, overrides, uploads, options, StopToken));
                WriteReply(response, GenerativeModel.MergeGenerationConfig(Session.Model.GenerationConfig, overrides?.GenerationConfig), _message.Target);
            }, _message.Target);
        }

        // The session's own rules hold as for a synchronous send: one turn at a time, committed only when complete.
        private void SendAsJob(GenAI.Core.GenAIClient client, Content message, CallOverrides? overrides, GenAI.Core.Transport.RequestOptions options)
        {
            var job = NewJob(options);
            var session = Session;
            object? target = _message.Target;
            bool stream = Stream;
            job.Start(async token =>
            {
                GenerateContentResponse? last = null;
                if (stream)
                {
                    await foreach (var chunk in client.Prompts.StreamAsync(session, message, overrides, null, options, token).ConfigureAwait(false))
                    {
                        if (chunk.Candidates != null || chunk.PromptFeedback?.BlockReason != null) last = chunk;
                        job.WriteOutput(ChunkDisplay.Prepare(chunk, false));
                    }
                }
                else
                {
                    last = await client.Prompts.SendAsync(session, message, overrides, null, options, token).ConfigureAwait(false);
                    job.WriteOutput(last);
                }
                var problem = last != null ? ResponseChecks.FindProblem(last) : null;
                if (problem != null) job.WriteError(ErrorRecordFactory.Create(problem, target));
            }, target);
            PublishJob(job);
        }
    }
}
