namespace GenAI.Core.Chats.Interactive
{
    /// <summary>How reading one line of a chat prompt ended.</summary>
    public enum ChatLineKind
    {
        /// <summary>The user pressed Enter.</summary>
        Entered,

        /// <summary>The user pressed Ctrl+C; <see cref="ChatLine.Text"/> is what the line held.</summary>
        Interrupted,

        /// <summary>The input ended (Ctrl+D, or the end of redirected input).</summary>
        EndOfInput,
    }

    /// <summary>One line read at the chat prompt.</summary>
    public readonly struct ChatLine
    {
        public ChatLine(ChatLineKind kind, string text = "", bool moreWaiting = false)
        {
            Kind = kind;
            Text = text ?? "";
            MoreWaiting = moreWaiting;
        }

        public ChatLineKind Kind { get; }

        public string Text { get; }

        /// <summary>More input was already waiting when Enter came: the line is part of a paste of several lines.</summary>
        public bool MoreWaiting { get; }

        public static ChatLine Entered(string text, bool moreWaiting = false) => new ChatLine(ChatLineKind.Entered, text, moreWaiting);

        public static ChatLine Interrupted(string text = "") => new ChatLine(ChatLineKind.Interrupted, text);

        public static readonly ChatLine EndOfInput = new ChatLine(ChatLineKind.EndOfInput);
    }
}
