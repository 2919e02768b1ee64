using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Host;
using System.Text;
using GenAI.Core.Chats.Interactive;

namespace GenAI.PowerShell.Interactive
{
    /// <summary>
    /// Reads one line of chat input key by key from the console: typing, Backspace, Esc (clear), Up/Down (earlier
    /// lines), Tab (completion), Enter, Ctrl+C (returned as an interrupt, not a stop), Ctrl+D at an empty line (end).
    /// A line whose Enter arrives with more keys already waiting is part of a paste. Keys typed while a reply was
    /// shown are read first. Long lines wrap; the editor redraws them with VT sequences where the host has them.
    /// </summary>
    internal sealed class ConsoleLineEditor
    {
        private readonly PSHostUserInterface _ui;
        private readonly ConcurrentQueue<ConsoleKeyInfo> _typeAhead;
        private readonly bool _vt;
        private readonly List<string> _earlier = new List<string>();
        private readonly StringBuilder _buffer = new StringBuilder();
        private string _prompt = "";
        private string _styledPrompt = "";
        private int _shownCells;

        public ConsoleLineEditor(PSHostUserInterface ui, ConcurrentQueue<ConsoleKeyInfo> typeAhead, bool vt)
        {
            _ui = ui;
            _typeAhead = typeAhead;
            _vt = vt;
        }

        public static bool IsInterrupt(ConsoleKeyInfo key) =>
            key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0);

        public ChatLine ReadLine(string prompt, string styledPrompt, Func<string, IReadOnlyList<string>> complete)
        {
            _prompt = prompt;
            _styledPrompt = styledPrompt;
            _buffer.Clear();
            _shownCells = 0;
            int recalled = _earlier.Count;
            _ui.Write(styledPrompt);
            bool treatedAsInput = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
            try
            {
                while (true)
                {
                    var key = NextKey();
                    if (IsInterrupt(key))
                    {
                        _ui.WriteLine("^C");
                        return ChatLine.Interrupted(_buffer.ToString());
                    }
                    if (key.KeyChar == '\u0004' && _buffer.Length == 0)
                    {
                        _ui.WriteLine();
                        return ChatLine.EndOfInput;
                    }
                    if (key.Key == ConsoleKey.Enter || key.KeyChar == '\r' || key.KeyChar == '\n')
                    {
                        _ui.WriteLine();
                        string line = _buffer.ToString();
                        if (line.Trim().Length > 0 && (_earlier.Count == 0 || _earlier[_earlier.Count - 1] != line)) _earlier.Add(line);
                        return ChatLine.Entered(line, moreWaiting: !_typeAhead.IsEmpty || Console.KeyAvailable);
                    }
                    switch (key.Key)
                    {
                        case ConsoleKey.Backspace:
                            if (_buffer.Length == 0) break;
                            var elements = StringInfo.ParseCombiningCharacters(_buffer.ToString());
                            Replace(_buffer.ToString().Substring(0, elements[elements.Length - 1]));
                            break;
                        case ConsoleKey.Escape:
                            Replace("");
                            break;
                        case ConsoleKey.UpArrow when recalled > 0:
                            Replace(_earlier[--recalled]);
                            break;
                        case ConsoleKey.DownArrow when recalled < _earlier.Count:
                            Replace(++recalled < _earlier.Count ? _earlier[recalled] : "");
                            break;
                        case ConsoleKey.Tab:
                            // A tab inside a paste is text, not a request for completion.
                            if (!_typeAhead.IsEmpty || Console.KeyAvailable) Append("    ");
                            else Complete(complete);
                            break;
                        default:
                            if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar)) Append(key.KeyChar.ToString());
                            break;
                    }
                }
            }
            finally
            {
                Console.TreatControlCAsInput = treatedAsInput;
            }
        }

        private ConsoleKeyInfo NextKey() => _typeAhead.TryDequeue(out var key) ? key : Console.ReadKey(intercept: true);

        private void Append(string text)
        {
            _buffer.Append(text);
            _ui.Write(text);
            _shownCells += Cells(text);
        }

        private void Complete(Func<string, IReadOnlyList<string>> complete)
        {
            string line = _buffer.ToString();
            var candidates = complete(line);
            if (candidates.Count == 0) return;
            string common = CommonPrefix(candidates);
            if (common.Length > line.Length)
            {
                Replace(common);
                return;
            }
            if (candidates.Count == 1) return;
            // Several candidates and nothing more in common: list them (the part after the line's last space) and show the line again.
            int start = line.LastIndexOf(' ') + 1;
            _ui.WriteLine();
            _ui.WriteLine(string.Join("  ", candidates.Select(c => c.Length >= start ? c.Substring(start) : c)));
            _ui.Write(_styledPrompt + line);
            _shownCells = Cells(line);
        }

        private static string CommonPrefix(IReadOnlyList<string> values)
        {
            string prefix = values[0];
            foreach (var value in values.Skip(1))
            {
                int i = 0;
                while (i < prefix.Length && i < value.Length && char.ToLowerInvariant(prefix[i]) == char.ToLowerInvariant(value[i])) i++;
                prefix = prefix.Substring(0, i);
            }
            return prefix;
        }

        /// <summary>Shows <paramref name="text"/> as the line: back to where the prompt starts, clear, write again.</summary>
        private void Replace(string text)
        {
            if (_vt)
            {
                int width = Math.Max(1, WindowWidth());
                int row = (Cells(_prompt) + _shownCells - 1) / width;   // a full last row leaves the cursor on it (pending wrap)
                var output = new StringBuilder();
                if (row > 0) output.Append("\u001b[").Append(row.ToString(CultureInfo.InvariantCulture)).Append('A');
                output.Append("\r\u001b[J").Append(_styledPrompt).Append(text);
                _ui.Write(output.ToString());
            }
            else
            {
                // No cursor movement: erase the shown text cell by cell (on the current row only).
                _ui.Write(new string('\b', _shownCells) + new string(' ', _shownCells) + new string('\b', _shownCells) + text);
            }
            _buffer.Clear().Append(text);
            _shownCells = Cells(text);
        }

        private int Cells(string text)
        {
            try { return _ui.RawUI.LengthInBufferCells(text); }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is HostException) { return text.Length; }
        }

        private static int WindowWidth()
        {
            try { return Console.WindowWidth; }
            catch (Exception ex) when (ex is System.IO.IOException || ex is PlatformNotSupportedException) { return 120; }
        }
    }
}
