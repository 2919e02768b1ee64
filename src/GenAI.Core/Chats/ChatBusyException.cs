using GenAI.Core.Errors;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// An operation on a chat session that cannot proceed while one of its turns is in flight, raised at once
    /// instead of waiting: typically a second send made while the first reply is still being read (which
    /// would wait on itself forever), or an undo or history change made during a turn.
    /// </summary>
    public sealed class ChatBusyException : GenAIException
    {
        public ChatBusyException(ChatSession session, string operation, string inFlight)
            : base(ErrorCodes.ChatBusy, $"Cannot {operation} while a turn of this chat session is in flight: {inFlight} has not completed yet.")
        {
            Session = session;
            InFlight = inFlight;
        }

        /// <summary>The busy session.</summary>
        public ChatSession Session { get; }

        /// <summary>What is in flight, e.g. "the streamed reply to 'Tell me a story' (started 10:42:07)".</summary>
        public string InFlight { get; }
    }
}
