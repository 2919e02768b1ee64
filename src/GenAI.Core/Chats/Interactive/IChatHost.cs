using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats.Interactive
{
    /// <summary>What an interactive chat asks of the program running it: the calls, files and completions.</summary>
    public interface IChatHost
    {
        /// <summary>
        /// Sends <paramref name="message"/> as the session's next turn, passing the reply's chunks (or the whole reply)
        /// to <paramref name="onChunk"/> as they arrive; the session commits the turn by its usual rules.
        /// </summary>
        GenerateContentResponse Send(ChatSession session, Content message, Action<GenerateContentResponse> onChunk, CancellationToken cancellation);

        /// <summary>The tokens of the history as the next request would send them (system instruction and tools included).</summary>
        int CountTokens(ChatSession session, CancellationToken cancellation);

        /// <summary>Saves the session to <paramref name="path"/> (Export-ChatSession's format); returns the full path written.</summary>
        string Save(ChatSession session, string path);

        /// <summary>The files <paramref name="path"/> names (wildcards allowed).</summary>
        IReadOnlyList<FileInfo> ResolveFiles(string path);

        /// <summary>Values for the argument of <paramref name="command"/> (file paths, model names) that start with <paramref name="partial"/>.</summary>
        IEnumerable<string> CompleteArgument(ChatCommandKind command, string partial);
    }
}
