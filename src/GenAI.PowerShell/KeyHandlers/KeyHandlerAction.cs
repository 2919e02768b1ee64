using System;
using System.Linq;
using System.Threading;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Transport;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Interactive;

namespace GenAI.PowerShell.KeyHandlers
{
    /// <summary>
    /// The work behind one GenAI key handler: asks the model about a command line and gives back what goes on the
    /// console. Called from the handler's script block (which reads and replaces PSReadLine's buffer); it never runs
    /// the command line. While it waits, Ctrl+C gives up. Failures come back as an error text (API key redacted).
    /// </summary>
    public sealed class KeyHandlerAction
    {
        public KeyHandlerAction(string chord, KeyHandlerMode mode, GenerativeModel model)
        {
            Chord = chord;
            Mode = mode;
            Model = model;
        }

        public string Chord { get; }

        public KeyHandlerMode Mode { get; }

        public GenerativeModel Model { get; }

        /// <summary>The answer for <paramref name="line"/> (and <paramref name="lastError"/>, for Fix).</summary>
        public KeyHandlerAnswer Ask(string? line, string? lastError)
        {
            line ??= "";
            if (line.Trim().Length == 0)
                return KeyHandlerAnswer.Failure(Mode == KeyHandlerMode.Fix
                    ? "There is no command line to fix: type one, or press the key on an empty line right after a command failed."
                    : "The command line is empty: type a command, or describe one in words, and press the key again.");
            string? key = null;
            try
            {
                key = ModuleConfiguration.CurrentKey;
                var client = ModuleConfiguration.GetClient(null);
                var model = Model.WithDefaults(new CallOverrides { SystemInstruction = KeyHandlerPrompt.SystemInstruction(Mode) });
                var message = KeyHandlerPrompt.Message(Mode, line, lastError);
                using var stop = new ConsoleInterruptWatcher(CancellationToken.None, new System.Collections.Concurrent.ConcurrentQueue<ConsoleKeyInfo>());
                var response = client.Models.GenerateContentAsync(model, new[] { message }, null, null, stop.Cancellation).GetAwaiter().GetResult();
                string text = KeyHandlerPrompt.Clean(response.Text);
                return text.Length == 0 ? KeyHandlerAnswer.Failure("The model gave no answer.") : new KeyHandlerAnswer(text, Mode != KeyHandlerMode.Explain, false);
            }
            catch (OperationCanceledException)
            {
                return KeyHandlerAnswer.Failure("Stopped.");
            }
            catch (GenAIException ex)
            {
                return KeyHandlerAnswer.Failure(KeyMask.Redact(ex.Message, key));
            }
        }

        /// <summary>Fix with an empty line works on the last command: this picks the line the handler asks about.</summary>
        public string? LineToAsk(string? line, string? lastCommand) =>
            Mode == KeyHandlerMode.Fix && string.IsNullOrWhiteSpace(line) ? lastCommand : line;

        public override string ToString() => $"{Chord}: {Mode} with {Model.Name}";
    }

    /// <summary>What a key handler puts on the console: a new command line, or text to print (an explanation or an error).</summary>
    public sealed class KeyHandlerAnswer
    {
        public KeyHandlerAnswer(string text, bool replacesLine, bool isError)
        {
            Text = text;
            ReplacesLine = replacesLine;
            IsError = isError;
        }

        public string Text { get; }

        public bool ReplacesLine { get; }

        public bool IsError { get; }

        public static KeyHandlerAnswer Failure(string message) => new KeyHandlerAnswer(Core.Chats.Interactive.ChatLoop.OneLine(message), false, true);
    }
}
