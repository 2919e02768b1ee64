using System;
using System.Collections.Generic;
using System.Threading;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats.Interactive
{
    /// <summary>Where an interactive chat reads the user's lines and shows replies, notices and errors.</summary>
    public interface IChatTerminal
    {
        /// <summary>Shows <paramref name="prompt"/> and reads a line; Tab completes through <paramref name="complete"/> (the whole line in, whole lines out).</summary>
        ChatLine ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete);

        /// <summary>Starts showing a reply: until the scope is disposed, Ctrl+C cancels its token instead of ending the chat.</summary>
        IChatReplyScope BeginReply();

        /// <summary>Shows the text of one reply chunk, continuing the text shown so far.</summary>
        void WriteReply(GenerateContentResponse chunk);

        /// <summary>Ends the reply shown so far (its line), if any text was shown.</summary>
        void EndReply();

        void WriteNotice(string text);

        /// <summary>Shows one line of error text.</summary>
        void WriteError(string text);
    }

    /// <summary>A reply in progress; <see cref="Cancellation"/> fires when the user presses Ctrl+C.</summary>
    public interface IChatReplyScope : IDisposable
    {
        CancellationToken Cancellation { get; }
    }
}
