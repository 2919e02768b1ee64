#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using GenAI.Core.Chats.Interactive;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Chats.Interactive
{
    /// <summary>
    /// A chat terminal for tests: lines typed in advance, everything shown recorded as one transcript
    /// (prompts and typed lines included, as a user would see them). A reply can be interrupted after a
    /// number of chunks, as Ctrl+C would.
    /// </summary>
    internal sealed class ScriptedTerminal : IChatTerminal
    {
        private readonly Queue<(string? TabOn, ChatLine Line)> _lines = new Queue<(string?, ChatLine)>();
        private readonly StringBuilder _shown = new StringBuilder();
        private CancellationTokenSource? _reply;
        private int _chunks;

        public string Transcript => _shown.ToString();

        public List<string> Errors { get; } = new List<string>();

        /// <summary>Completions asked for with Tab on a line, and what came back.</summary>
        public List<(string Line, IReadOnlyList<string> Completions)> Completions { get; } = new List<(string, IReadOnlyList<string>)>();

        /// <summary>Stop the next reply (Ctrl+C) once it has shown this many chunks.</summary>
        public int? InterruptAfterChunks { get; set; }

        public ScriptedTerminal Type(string line, bool moreWaiting = false)
        {
            _lines.Enqueue((null, ChatLine.Entered(line, moreWaiting)));
            return this;
        }

        public ScriptedTerminal PressCtrlC(string typedSoFar = "")
        {
            _lines.Enqueue((null, ChatLine.Interrupted(typedSoFar)));
            return this;
        }

        /// <summary>Presses Tab after typing <paramref name="line"/> (what comes back is recorded in <see cref="Completions"/>).</summary>
        public ScriptedTerminal Tab(string line)
        {
            _lines.Enqueue((line, default));
            return this;
        }

        public ChatLine ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete)
        {
            _shown.Append(prompt);
            while (_lines.Count > 0 && _lines.Peek().TabOn != null)
            {
                string typed = _lines.Dequeue().TabOn!;
                Completions.Add((typed, complete(typed)));
            }
            var line = _lines.Count > 0 ? _lines.Dequeue().Line : ChatLine.EndOfInput;
            _shown.Append(line.Kind == ChatLineKind.Interrupted ? line.Text + "^C" : line.Text).Append('\n');
            return line;
        }

        public IChatReplyScope BeginReply()
        {
            _chunks = 0;
            _reply = new CancellationTokenSource();
            return new Scope(_reply);
        }

        public void WriteReply(GenerateContentResponse chunk)
        {
            _shown.Append(chunk.TextOrEmpty);
            if (++_chunks == InterruptAfterChunks)
            {
                InterruptAfterChunks = null;
                _reply!.Cancel();
            }
        }

        public void EndReply()
        {
            if (_shown.Length > 0 && _shown[_shown.Length - 1] != '\n') _shown.Append('\n');
        }

        public void WriteNotice(string text) => _shown.Append(text).Append('\n');

        public void WriteError(string text)
        {
            Errors.Add(text);
            _shown.Append("ERROR: ").Append(text).Append('\n');
        }

        private sealed class Scope : IChatReplyScope
        {
            private readonly CancellationTokenSource _source;

            public Scope(CancellationTokenSource source) { _source = source; }

            public CancellationToken Cancellation => _source.Token;

            public void Dispose() => _source.Dispose();
        }
    }
}
