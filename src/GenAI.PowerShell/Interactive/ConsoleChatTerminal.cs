using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation.Host;
using System.Threading;
using GenAI.Core.Chats.Interactive;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Interactive
{
    /// <summary>
    /// The chat's terminal on a PowerShell host: lines from the console's key-by-key editor (or, where input is
    /// redirected or the host has no console, from the host's ReadLine), replies as continuous text with the
    /// stream view's rules (control characters and escape sequences from the service removed), notices dimmed,
    /// errors through the host's error line. Ctrl+C during a reply stops that reply only.
    /// </summary>
    internal sealed class ConsoleChatTerminal : IChatTerminal
    {
        private const string Dim = "\u001b[90m";
        private const string Green = "\u001b[32m";
        private const string Reset = "\u001b[0m";

        private readonly PSHostUserInterface _ui;
        private readonly CancellationToken _stop;
        private readonly bool _vt;
        private readonly ConsoleLineEditor? _editor;
        private readonly ConcurrentQueue<ConsoleKeyInfo> _typeAhead = new ConcurrentQueue<ConsoleKeyInfo>();
        private ConsoleInterruptWatcher? _watcher;
        private bool _replyShown;
        private bool _replyEndsLine;

        public ConsoleChatTerminal(PSHostUserInterface ui, CancellationToken stop)
        {
            _ui = ui;
            _stop = stop;
            _vt = SupportsVirtualTerminal(ui) && !Console.IsOutputRedirected;
            if (HasInteractiveConsole()) _editor = new ConsoleLineEditor(ui, _typeAhead, _vt);
        }

        public ChatLine ReadLine(string prompt, Func<string, IReadOnlyList<string>> complete)
        {
            if (_stop.IsCancellationRequested) return ChatLine.EndOfInput;
            string styled = _vt ? Green + prompt + Reset : prompt;
            if (_editor != null) return _editor.ReadLine(prompt, styled, complete);
            _ui.Write(styled);
            string? line = _ui.ReadLine();
            if (line != null) return ChatLine.Entered(line);
            _ui.WriteLine();
            return ChatLine.EndOfInput;
        }

        public IChatReplyScope BeginReply()
        {
            _replyShown = false;
            if (_editor == null) return new StopScope(_stop);
            _watcher = new ConsoleInterruptWatcher(_stop, _typeAhead);
            return new WatcherScope(this, _watcher);
        }

        /// <summary>Gives the console back to PowerShell (for a confirmation prompt) until the scope is disposed.</summary>
        public IDisposable? PauseInterrupts() => _watcher?.Pause();

        public void WriteReply(GenerateContentResponse chunk)
        {
            string text = StreamChunkView.Sanitize(StreamChunkView.TextOf(chunk));
            if (text.Length == 0) return;
            _ui.Write(text);
            _replyShown = true;
            _replyEndsLine = text[text.Length - 1] == '\n';
        }

        public void EndReply()
        {
            if (_replyShown && !_replyEndsLine) _ui.WriteLine();
            _replyShown = false;
        }

        public void WriteNotice(string text)
        {
            text = TerminalText.Neutralize(text);
            _ui.WriteLine(_vt ? Dim + text + Reset : text);
        }

        public void WriteError(string text) => _ui.WriteErrorLine(TerminalText.Neutralize(text));

        private static bool SupportsVirtualTerminal(PSHostUserInterface ui)
        {
            try { return ui.SupportsVirtualTerminal; }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is System.IO.IOException) { return false; }
        }

        private static bool HasInteractiveConsole()
        {
            try
            {
                if (Console.IsInputRedirected) return false;
                _ = Console.KeyAvailable;
                return true;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.IO.IOException || ex is PlatformNotSupportedException)
            {
                return false;
            }
        }

        private sealed class StopScope : IChatReplyScope
        {
            public StopScope(CancellationToken stop) { Cancellation = stop; }

            public CancellationToken Cancellation { get; }

            public void Dispose()
            {
            }
        }

        private sealed class WatcherScope : IChatReplyScope
        {
            private readonly ConsoleChatTerminal _terminal;
            private readonly ConsoleInterruptWatcher _watcher;

            public WatcherScope(ConsoleChatTerminal terminal, ConsoleInterruptWatcher watcher)
            {
                _terminal = terminal;
                _watcher = watcher;
            }

            public CancellationToken Cancellation => _watcher.Cancellation;

            public void Dispose()
            {
                if (_terminal._watcher == _watcher) _terminal._watcher = null;
                _watcher.Dispose();
            }
        }
    }
}
