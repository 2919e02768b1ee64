using System;
using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Errors;

namespace GenAI.Core.Chats.Interactive
{
    /// <summary>
    /// Tells <c>/</c> commands from messages and completes them. Input is a command when it is one line that
    /// starts with <c>/</c>; a message that must start with a slash is typed with two (<c>//etc/hosts is...</c>).
    /// </summary>
    public static class ChatCommandParser
    {
        /// <summary>The command <paramref name="input"/> holds, or null when it is a message (<paramref name="message"/>: the text to send).</summary>
        public static ChatCommand? Parse(string input, out string message)
        {
            message = input;
            string trimmed = input.Trim();
            if (!trimmed.StartsWith("/", StringComparison.Ordinal) || trimmed.IndexOf('\n') >= 0) return null;
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                message = input.Substring(input.IndexOf('/') + 1);
                return null;
            }
            int space = IndexOfWhiteSpace(trimmed);
            string name = space < 0 ? trimmed : trimmed.Substring(0, space);
            string argument = space < 0 ? "" : trimmed.Substring(space + 1).Trim();
            if (!ChatCommand.TryFind(name, out var kind))
                throw new InvalidInputException(ErrorCodes.UnknownChatCommand,
                    $"{name} is not a chat command. The commands are {string.Join(", ", ChatCommand.All.Select(c => c.Name))}; start a message with // to send a slash.", name);
            if (argument.Length > 0 && !ChatCommand.TakesArgument(kind))
                throw new InvalidInputException(ErrorCodes.ChatCommandArgument, $"{name} takes no argument; '{argument}' was given.", argument);
            return new ChatCommand(kind, Unquote(argument));
        }

        /// <summary>
        /// The completions of <paramref name="line"/> as whole lines: command names for <c>/</c> plus a start, and
        /// the argument values <paramref name="completeArgument"/> gives for a command that takes one.
        /// </summary>
        public static IReadOnlyList<string> Complete(string line, Func<ChatCommandKind, string, IEnumerable<string>> completeArgument)
        {
            if (!line.StartsWith("/", StringComparison.Ordinal) || line.IndexOf('\n') >= 0) return Array.Empty<string>();
            int space = IndexOfWhiteSpace(line);
            if (space < 0)
                return ChatCommand.All.Where(c => c.Name.StartsWith(line, StringComparison.OrdinalIgnoreCase))
                    .Select(c => c.Argument != null ? c.Name + " " : c.Name).ToList();
            if (!ChatCommand.TryFind(line.Substring(0, space), out var kind) || !ChatCommand.TakesArgument(kind)) return Array.Empty<string>();
            string prefix = line.Substring(0, space + 1);
            string partial = line.Substring(space + 1).TrimStart();
            return completeArgument(kind, partial).Select(value => prefix + value).ToList();
        }

        private static int IndexOfWhiteSpace(string text)
        {
            for (int i = 0; i < text.Length; i++)
                if (char.IsWhiteSpace(text[i])) return i;
            return -1;
        }

        // A path with spaces may be typed in quotes, as completion writes it.
        private static string Unquote(string argument) =>
            argument.Length >= 2 && (argument[0] == '\'' || argument[0] == '"') && argument[argument.Length - 1] == argument[0]
                ? argument.Substring(1, argument.Length - 2)
                : argument;
    }
}
