using System.Linq;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;
using GenAI.PowerShell.Errors;
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

        private readonly PromptAccumulator _message = new PromptAccumulator();

        /// <summary>The session from Start-ChatSession (also from the pipeline).</summary>
        [Parameter(ParameterSetName = PositionalSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = PipedSessionSet, Mandatory = true, ValueFromPipeline = true)]
        public ChatSession Session { get; set; } = null!;

        /// <summary>The message: text, files or parts. Piped lines are joined into one message.</summary>
        [Parameter(ParameterSetName = PositionalSet, Position = 1, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = PipedSessionSet, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[]? Message { get; set; }

        /// <summary>Write each chunk as it arrives; the turn is added to the history when the stream completes.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        protected override void BeginProcessing()
        {
            _ = Settings;
        }

        protected override void ProcessRecord()
        {
            // A piped session binds Session, not Message: only take Message items that are not the session itself.
            if (Message != null) _message.Add(Message.Where(m => !(PromptConverter.Normalize(m) is ChatSession)).ToArray(), MyInvocation.ExpectingInput);
        }

        protected override void EndProcessing()
        {
            Content message;
            try
            {
                var contents = _message.ToContents();
                if (contents.Count == 0)
                    throw new InvalidInputException("EmptyPrompt", "The message is empty: there is nothing to send.",
                        recommendedAction: "Pass text or files to -Message, or pipe them in.");
                message = contents.Count == 1 ? contents[0] : new Content("user", contents.SelectMany(c => c.Parts));
            }
            catch (GenAIException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, _message.Target));
                return;
            }

            var options = BuildRequestOptions();
            var client = Client;
            var overrides = BuildOverrides();
            bool functionCalling = MyInvocation.BoundParameters.ContainsKey(nameof(AutomaticFunctionCalling)) ? AutomaticFunctionCalling.IsPresent : Session.AutomaticFunctionCalling;
            int maximumCalls = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumFunctionCalls)) ? MaximumFunctionCalls : Session.MaximumFunctionCalls;
            RejectWithStream(Stream, functionCalling);
            TryRun(() =>
            {
                if (Stream)
                {
                    foreach (var chunk in Pull(Session.StreamAsync(client.Models, message, overrides, options, StopToken)))
                        WriteObject(chunk);
                    return;
                }
                var response = functionCalling
                    ? RunWithFunctionCalling(calling => Session.SendAsync(client.Models, message, calling, overrides, options, StopToken), maximumCalls).Response
                    : Await(Session.SendAsync(client.Models, message, overrides, options, StopToken));
                WriteReply(response, GenerativeModel.MergeGenerationConfig(Session.Model.GenerationConfig, overrides?.GenerationConfig), _message.Target);
            }, _message.Target);
        }
    }
}
