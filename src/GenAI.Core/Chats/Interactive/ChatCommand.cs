using System;
using System.Collections.Generic;
using System.Linq;

namespace GenAI.Core.Chats.Interactive
{
    public enum ChatCommandKind
    {
        Undo,
        Save,
        Model,
        File,
        Tokens,
        History,
        Help,
        Exit,
    }

    /// <summary>A <c>/</c> command typed at the chat prompt, with its argument (trimmed; empty when none).</summary>
    public sealed class ChatCommand
    {
        /// <summary>The commands, as typed, in the order /help lists them, with what their argument is.</summary>
        public static readonly IReadOnlyList<(ChatCommandKind Kind, string Name, string? Argument, string Description)> All = new (ChatCommandKind, string, string?, string)[]
        {
            (ChatCommandKind.Undo, "/undo", null, "remove the last message and its reply from the history"),
            (ChatCommandKind.Save, "/save", "<path>", "save the chat to a file, to import it again later"),
            (ChatCommandKind.Model, "/model", "<name>", "use another model from the next message on (no name: show the model)"),
            (ChatCommandKind.File, "/file", "<path>", "attach files to the next message (wildcards allowed; no path: list them)"),
            (ChatCommandKind.Tokens, "/tokens", null, "count the tokens of the history"),
            (ChatCommandKind.History, "/history", null, "show the conversation so far"),
            (ChatCommandKind.Help, "/help", null, "list these commands"),
            (ChatCommandKind.Exit, "/exit", null, "leave the chat (so does Ctrl+C at an empty prompt)"),
        };

        public ChatCommand(ChatCommandKind kind, string argument)
        {
            Kind = kind;
            Argument = argument;
        }

        public ChatCommandKind Kind { get; }

        public string Argument { get; }

        public static string NameOf(ChatCommandKind kind) => All.First(c => c.Kind == kind).Name;

        public static bool TakesArgument(ChatCommandKind kind) => All.First(c => c.Kind == kind).Argument != null;

        internal static bool TryFind(string name, out ChatCommandKind kind)
        {
            foreach (var command in All)
            {
                if (string.Equals(command.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    kind = command.Kind;
                    return true;
                }
            }
            kind = default;
            return false;
        }
    }
}
