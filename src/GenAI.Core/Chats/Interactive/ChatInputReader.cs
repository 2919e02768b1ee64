using System;
using System.Collections.Generic;
using System.Text;

namespace GenAI.Core.Chats.Interactive
{
    /// <summary>What the user entered at the chat prompt: a message or command, nothing (a cancelled line), or the wish to leave.</summary>
    public sealed class ChatInput
    {
        private ChatInput(string? text, bool leave)
        {
            Text = text;
            Leave = leave;
        }

        /// <summary>The entered text (lines joined with a line feed); null when there is nothing to act on.</summary>
        public string? Text { get; }

        public bool Leave { get; }

        public static readonly ChatInput Nothing = new ChatInput(null, false);

        public static readonly ChatInput LeaveChat = new ChatInput(null, true);

        public static ChatInput Of(string text) => new ChatInput(text, false);
    }

    /// <summary>
    /// Reads one input of several lines where the user asks for them: a line that ends in the continuation marker
    /// (a backslash, dropped) goes on on the next line, and so do the lines of a paste (the lines already waiting
    /// when Enter came). Ctrl+C at an empty prompt leaves the chat; Ctrl+C with text typed drops that input.
    /// </summary>
    public static class ChatInputReader
    {
        public const string Prompt = "You> ";
        public const string ContinuationPrompt = "...> ";
        public const char ContinuationMarker = '\\';

        public static ChatInput Read(IChatTerminal terminal, Func<string, IReadOnlyList<string>> complete)
        {
            var text = new StringBuilder();
            bool continuing = false;
            while (true)
            {
                var line = terminal.ReadLine(continuing ? ContinuationPrompt : Prompt, complete);
                switch (line.Kind)
                {
                    case ChatLineKind.Interrupted:
                        return continuing || line.Text.Length > 0 ? ChatInput.Nothing : ChatInput.LeaveChat;
                    case ChatLineKind.EndOfInput:
                        return continuing ? Finish(text) : ChatInput.LeaveChat;
                }
                string content = line.Text;
                bool marked = content.EndsWith(ContinuationMarker.ToString(), StringComparison.Ordinal);
                if (marked) content = content.Substring(0, content.Length - 1);
                if (continuing) text.Append('\n');
                text.Append(content);
                continuing = marked || line.MoreWaiting;
                if (!continuing) return Finish(text);
            }
        }

        private static ChatInput Finish(StringBuilder text) =>
            text.ToString().Trim().Length == 0 ? ChatInput.Nothing : ChatInput.Of(text.ToString());
    }
}
