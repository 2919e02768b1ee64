using System.Collections.Generic;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Formatting;
using GenAI.PowerShell.Schema;

namespace GenAI.PowerShell.KeyHandlers
{
    /// <summary>What a key handler asks the model for each mode, and how the answer becomes a command line.</summary>
    internal static class KeyHandlerPrompt
    {
        public static Content SystemInstruction(KeyHandlerMode mode) => Content.FromText(mode switch
        {
            KeyHandlerMode.Explain =>
                "You explain PowerShell command lines to the person who typed them. Say briefly, in plain text without markdown, what the command line does and anything risky about it.",
            KeyHandlerMode.Fix =>
                "You fix PowerShell command lines. The message is a command line and, when there is one, the error it produced. "
                + "Answer with the corrected command line only: no explanation, no markdown, no code fence.",
            _ =>
                "You complete PowerShell command lines. The message is a partial command line or a description of what to do. "
                + "Answer with one complete PowerShell command line only: no explanation, no markdown, no code fence.",
        }, null);

        /// <summary>The message: the command line, then (Fix) the error it produced.</summary>
        public static Content Message(KeyHandlerMode mode, string line, string? lastError)
        {
            var parts = new List<Part> { Part.FromText(line) };
            if (mode == KeyHandlerMode.Fix && !string.IsNullOrWhiteSpace(lastError)) parts.Add(Part.FromText("The error: " + lastError));
            return new Content("user", parts);
        }

        /// <summary>
        /// The model's answer as text for the console: without a code fence, control characters or escape sequences,
        /// so that nothing in it can act on the terminal or the line (it is only inserted; the user presses Enter).
        /// </summary>
        public static string Clean(string answer) => TerminalText.Neutralize(JsonToPowerShell.StripFence(answer).Replace("\r\n", "\n")).Trim();
    }
}
