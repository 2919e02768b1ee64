using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using GenAI.Core.Chats;
using GenAI.Core.Chats.Interactive;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Chats.Interactive
{
    /// <summary>A chat host on the core client alone: streamed sends, token counts, files under one folder.</summary>
    internal sealed class CoreChatHost : IChatHost
    {
        private readonly GenAIClient _client;
        private readonly string _folder;

        public CoreChatHost(GenAIClient client, string folder)
        {
            _client = client;
            _folder = folder;
        }

        public GenerateContentResponse Send(ChatSession session, Content message, Action<GenerateContentResponse> onChunk, CancellationToken cancellation)
        {
            var stream = session.StreamAsync(_client.Models, message, cancellationToken: cancellation).GetAsyncEnumerator(cancellation);
            try
            {
                while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult()) onChunk(stream.Current);
            }
            finally
            {
                stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return session.Last!;
        }

        public int CountTokens(ChatSession session, CancellationToken cancellation) =>
            _client.Models.CountTokensAsync(session.Model, session.History, cancellationToken: cancellation).GetAwaiter().GetResult().TotalTokens;

        public string Save(ChatSession session, string path)
        {
            string full = Path.Combine(_folder, path);
            File.WriteAllBytes(full, ChatSessionFile.Serialize(session));
            return full;
        }

        public IReadOnlyList<FileInfo> ResolveFiles(string path) =>
            new DirectoryInfo(_folder).GetFiles(path);

        public IEnumerable<string> CompleteArgument(ChatCommandKind command, string partial) =>
            command == ChatCommandKind.Model
                ? new[] { "echo", "gemini-2.5-flash", "gemini-2.5-pro" }.Where(m => m.StartsWith(partial, StringComparison.Ordinal))
                : Directory.GetFiles(_folder, partial + "*").Select(Path.GetFileName)!;
    }
}
