using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats.Interactive
{
    /// <summary>
    /// An interactive chat on a <see cref="ChatSession"/>: reads messages and <c>/</c> commands from an
    /// <see cref="IChatTerminal"/> until the user leaves, streams each reply back to it, and carries on after
    /// errors (shown as one line). Turns enter the history by the session's rules, so a blocked, failed or
    /// stopped turn leaves it as it was. Files attached with <c>/file</c> go with the next message that is sent.
    /// </summary>
    public sealed class ChatLoop
    {
        private readonly IChatTerminal _terminal;
        private readonly IChatHost _host;
        private readonly List<(string Name, Part Part)> _attachments = new List<(string, Part)>();

        public ChatLoop(ChatSession session, IChatTerminal terminal, IChatHost host)
        {
            Session = session ?? throw new ArgumentNullException(nameof(session));
            _terminal = terminal ?? throw new ArgumentNullException(nameof(terminal));
            _host = host ?? throw new ArgumentNullException(nameof(host));
        }

        public ChatSession Session { get; }

        /// <summary>The files attached for the next message.</summary>
        public IReadOnlyList<string> Attachments => _attachments.Select(a => a.Name).ToList();

        public static string Banner(ChatSession session) =>
            $"Chat with {session.Model.Name} ({session.TurnCount} turn(s) so far). End a line with {ChatInputReader.ContinuationMarker} to go on on the next; "
            + "/help lists the commands; /exit or Ctrl+C at an empty prompt leaves.";

        /// <summary>Runs until the user leaves.</summary>
        public void Run()
        {
            _terminal.WriteNotice(Banner(Session));
            while (RunOnce())
            {
            }
        }

        /// <summary>Reads and handles one input; false when the user leaves.</summary>
        public bool RunOnce()
        {
            var input = ChatInputReader.Read(_terminal, line => ChatCommandParser.Complete(line, _host.CompleteArgument));
            if (input.Leave) return false;
            if (input.Text == null) return true;
            try
            {
                var command = ChatCommandParser.Parse(input.Text, out string message);
                if (command == null)
                {
                    Send(message);
                    return true;
                }
                return Execute(command);
            }
            catch (GenAIException ex)
            {
                _terminal.WriteError(OneLine(ex.Message));
                return true;
            }
        }

        /// <summary>An error message as one readable line.</summary>
        public static string OneLine(string message) => Regex.Replace(message, @"\s*[\r\n]+\s*", " ").Trim();

        private void Send(string text)
        {
            var parts = _attachments.Select(a => a.Part).ToList();
            parts.Add(Part.FromText(text));
            var message = new Content("user", parts);
            using var reply = _terminal.BeginReply();
            try
            {
                // Chunks already received arrive without a wait that would notice Ctrl+C: stop taking them here.
                _host.Send(Session, message, chunk =>
                {
                    reply.Cancellation.ThrowIfCancellationRequested();
                    _terminal.WriteReply(chunk);
                }, reply.Cancellation);
                _attachments.Clear();
                _terminal.EndReply();
            }
            catch (OperationCanceledException) when (reply.Cancellation.IsCancellationRequested)
            {
                _terminal.EndReply();
                _terminal.WriteNotice("Stopped. " + ChatSession.TurnNotCommitted);
            }
            catch (GenAIException)
            {
                _terminal.EndReply();
                throw;
            }
        }

        private bool Execute(ChatCommand command)
        {
            switch (command.Kind)
            {
                case ChatCommandKind.Exit:
                    return false;
                case ChatCommandKind.Undo:
                    Undo();
                    break;
                case ChatCommandKind.Save:
                    string written = _host.Save(Session, Required(command));
                    _terminal.WriteNotice($"Saved the chat ({Session.TurnCount} turn(s)) to {written}.");
                    break;
                case ChatCommandKind.Model:
                    if (command.Argument.Length > 0) Session.Model = Session.Model.WithName(command.Argument);
                    _terminal.WriteNotice($"Model: {Session.Model.Name}.");
                    break;
                case ChatCommandKind.File:
                    Attach(command.Argument);
                    break;
                case ChatCommandKind.Tokens:
                    CountTokens();
                    break;
                case ChatCommandKind.History:
                    ShowHistory();
                    break;
                case ChatCommandKind.Help:
                    foreach (var (_, name, argument, description) in ChatCommand.All)
                        _terminal.WriteNotice($"{(argument == null ? name : name + " " + argument),-16} {description}");
                    break;
            }
            return true;
        }

        private static string Required(ChatCommand command)
        {
            if (command.Argument.Length > 0) return command.Argument;
            string name = ChatCommand.NameOf(command.Kind);
            string usage = ChatCommand.All.First(c => c.Kind == command.Kind).Argument!;
            throw new InvalidInputException(ErrorCodes.ChatCommandArgument, $"{name} needs an argument: {name} {usage}.", name);
        }

        private void Undo()
        {
            var pair = Session.Rewind();
            if (pair == null)
                throw new InvalidInputException(ErrorCodes.ChatHistoryEmpty, "There is nothing to undo: the history holds no complete turn.");
            _terminal.WriteNotice($"Removed \"{Shorten(pair[0].Text)}\" and its reply; the history holds {Session.TurnCount} turn(s).");
        }

        private void Attach(string path)
        {
            if (path.Length == 0)
            {
                _terminal.WriteNotice(_attachments.Count == 0
                    ? "No files are attached. /file <path> attaches files to the next message."
                    : "Attached to the next message: " + string.Join(", ", _attachments.Select(a => a.Name)) + ".");
                return;
            }
            var files = _host.ResolveFiles(path);
            if (files.Count == 0)
                throw new InvalidInputException(ErrorCodes.FileNotFound, $"No file matches '{path}'.", path, "Check the path; it is relative to the current location.");
            var added = files.Select(f => (f.Name, FileParts.FromFile(f))).ToList();   // all read before any is attached
            _attachments.AddRange(added);
            _terminal.WriteNotice($"Attached {string.Join(", ", added.Select(a => $"{a.Name} ({a.Item2.InlineData?.MimeType ?? a.Item2.FileData?.MimeType ?? "text"})"))}: "
                + "they go with the next message.");
        }

        private void CountTokens()
        {
            int turns = Session.TurnCount;
            if (Session.HistoryCount == 0)
            {
                _terminal.WriteNotice("The history is empty: 0 tokens.");
                return;
            }
            using var scope = _terminal.BeginReply();
            int tokens;
            try
            {
                tokens = _host.CountTokens(Session, scope.Cancellation);
            }
            catch (OperationCanceledException) when (scope.Cancellation.IsCancellationRequested)
            {
                _terminal.WriteNotice("Stopped.");
                return;
            }
            string text = string.Format(CultureInfo.InvariantCulture, "The history ({0} turn(s)) is {1} token(s) for {2}.", turns, tokens, Session.Model.Name);
            var usage = Session.Last?.UsageMetadata;
            if (usage?.TotalTokenCount != null)
                text += string.Format(CultureInfo.InvariantCulture, " The last turn used {0} (prompt {1}, reply {2}).",
                    usage.TotalTokenCount, usage.PromptTokenCount ?? 0, usage.CandidatesTokenCount ?? 0);
            _terminal.WriteNotice(text);
        }

        private void ShowHistory()
        {
            var history = Session.History;
            if (history.Count == 0)
            {
                _terminal.WriteNotice("The history is empty.");
                return;
            }
            foreach (var content in history)
            {
                string who = content.Role == "model" ? "Model" : "You";
                var shown = content.Parts.Select(DescribePart).Where(s => s.Length > 0);
                _terminal.WriteNotice($"{who}: {string.Join(" ", shown)}");
            }
        }

        private static string DescribePart(Part part)
        {
            if (part.Thought == true) return "";
            if (part.Text != null) return part.Text;
            if (part.InlineData != null) return $"[{part.InlineData.MimeType}]";
            if (part.FileData != null) return $"[{part.FileData.MimeType} {part.FileData.FileUri}]";
            if (part.FunctionCall != null) return $"[calls {part.FunctionCall.Name}]";
            if (part.FunctionResponse != null) return $"[{part.FunctionResponse.Name} returned]";
            return "";
        }

        private static string Shorten(string text)
        {
            string line = OneLine(text);
            return line.Length <= 60 ? line : line.Substring(0, 57) + "...";
        }
    }
}
