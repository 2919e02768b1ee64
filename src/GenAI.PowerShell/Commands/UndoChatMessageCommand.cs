using System.Collections.Generic;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Errors;
using GenAI.Core.Errors;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Removes the last user/model pair from a chat session's history and writes it (the seed's rewind).</summary>
    [Cmdlet(VerbsCommon.Undo, "ChatMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Content))]
    public sealed class UndoChatMessageCommand : PSCmdlet
    {
        /// <summary>The session from Start-ChatSession or Import-ChatSession (also from the pipeline).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public ChatSession Session { get; set; } = null!;

        protected override void ProcessRecord()
        {
            int count = Session.HistoryCount;
            if (count < 2)
            {
                WriteError(ErrorRecordFactory.Create(ErrorCodes.ChatHistoryEmpty,
                    $"The chat history has no message to undo: it holds {count} content(s), and undo removes the last message and its reply.",
                    Session, "Check $chat.History; only turns that completed are in it."));
                return;
            }
            if (!ShouldProcess(Session.ToString(), "Remove the last message and its reply from the chat history")) return;
            IReadOnlyList<Content>? pair;
            try
            {
                pair = Session.Rewind();
            }
            catch (ChatBusyException busy)
            {
                WriteError(ErrorRecordFactory.Create(busy, Session));
                return;
            }
            if (pair == null)
            {
                WriteError(ErrorRecordFactory.Create(ErrorCodes.ChatHistoryEmpty,
                    "The chat history has no message to undo: it was emptied meanwhile.", Session));
                return;
            }
            WriteObject(pair, enumerateCollection: true);
        }
    }
}
