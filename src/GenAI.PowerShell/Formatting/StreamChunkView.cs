using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Formatting
{
    /// <summary>
    /// Renders the chunks of a streamed reply on the console as continuous text. PowerShell ends every
    /// formatted object with a line break, so each chunk after the first begins with a cursor movement
    /// (up one line, right to where the previous chunk ended) and the text is broken into lines here, at
    /// the console's width, so the column where it ends is known. Used only for chunks the cmdlet tagged
    /// <see cref="TypeName"/> because they go straight to a console that understands VT sequences.
    /// </summary>
    public static class StreamChunkView
    {
        /// <summary>The type name the cmdlets add to chunks that are displayed this way.</summary>
        public const string TypeName = "GenAI.StreamChunk";

        private static readonly object s_lock = new object();
        private static Guid s_stream;
        private static int s_nextIndex = -1;
        private static int s_column;

        /// <summary>The formatted text of <paramref name="chunk"/>; call from the view, in display order.</summary>
        public static string Render(object? chunk, PSHost? host)
        {
            var response = (chunk is PSObject wrapped ? wrapped.BaseObject : chunk) as GenerateContentResponse;
            if (response == null) return "";
            string shown = TextOf(response);
            if (shown != response.TextOrEmpty) shown += "\n";   // thoughts, calls and code end their line
            string text = Sanitize(shown);
            var rawUI = host?.UI?.RawUI;
            int width = ConsoleWidth(rawUI);
            lock (s_lock)
            {
                bool continues = response.ChunkIndex > 0 && response.ChunkIndex == s_nextIndex && response.StreamId == s_stream;
                int column = continues ? s_column : 0;
                var output = new StringBuilder(text.Length + 16);
                if (continues)
                {
                    output.Append("\u001b[1A\r");
                    if (column > 0) output.Append("\u001b[").Append(column.ToString(CultureInfo.InvariantCulture)).Append('C');
                }
                var elements = StringInfo.GetTextElementEnumerator(text);
                while (elements.MoveNext())
                {
                    string element = elements.GetTextElement();
                    if (element == "\n")
                    {
                        output.Append('\n');
                        column = 0;
                        continue;
                    }
                    if (element == "\t") element = new string(' ', 8 - column % 8);
                    int cells = Cells(rawUI, element);
                    if (column + cells > width)
                    {
                        output.Append('\n');
                        column = 0;
                    }
                    output.Append(element);
                    column += cells;
                }
                s_stream = response.StreamId;
                s_nextIndex = response.ChunkIndex + 1;
                s_column = column;
                return output.ToString();
            }
        }

        /// <summary>
        /// A chunk's text as shown: the answer text as it came (line breaks included) or, when the chunk
        /// holds other parts (thoughts, function calls, code), the reply's display text.
        /// </summary>
        public static string TextOf(object? chunk)
        {
            var response = (chunk is PSObject wrapped ? wrapped.BaseObject : chunk) as GenerateContentResponse;
            if (response == null) return "";
            var parts = response.Candidates?.Count > 0 ? response.Candidates[0].Content?.Parts : null;
            bool answerOnly = parts == null || parts.TrueForAll(p => p.Text != null && p.Thought != true);
            return answerOnly ? response.TextOrEmpty : response.DisplayText;
        }

        /// <summary>Text from the model without control characters or escape sequences (line breaks and tabs kept, CR LF → LF).</summary>
        public static string Sanitize(string text) => TerminalText.Neutralize(text.Replace("\r\n", "\n").Replace('\r', '\n'));

        // One column short of the buffer, as Out-Default does, so no line ends in the terminal's pending-wrap state.
        private static int ConsoleWidth(PSHostRawUserInterface? rawUI)
        {
            try
            {
                int width = rawUI?.BufferSize.Width ?? 0;
                return width > 20 ? width - 1 : 119;
            }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is System.IO.IOException || ex is HostException)
            {
                return 119;
            }
        }

        private static int Cells(PSHostRawUserInterface? rawUI, string element)
        {
            try { return rawUI?.LengthInBufferCells(element) ?? element.Length; }
            catch (Exception ex) when (ex is NotImplementedException || ex is NotSupportedException || ex is HostException) { return element.Length; }
        }
    }
}
