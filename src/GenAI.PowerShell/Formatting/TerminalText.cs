#nullable enable
using System.Text;

namespace GenAI.PowerShell.Formatting
{
    /// <summary>
    /// Makes service-supplied text safe to show on a terminal: removes escape sequences (CSI, OSC, DCS,
    /// SOS, PM, APC and two-character escapes), their 8-bit C1 forms, other C0/C1 control characters
    /// lone carriage returns and bidirectional-override characters, so model output cannot recolour, retitle,
    /// move the cursor, hide or reorder text, or write to the clipboard. Tabs, line feeds and CR LF pairs stay. Used by the format views and
    /// error messages only: objects keep the raw text.
    /// </summary>
    public static class TerminalText
    {
        private const char Esc = '\u001B';
        private const char Bel = '\u0007';
        private const char C1Csi = '\u009B';
        private const char C1St = '\u009C';

        public static string Neutralize(string? text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            if (!NeedsWork(text!)) return text!;

            var result = new StringBuilder(text!.Length);
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == Esc) i = SkipEscape(text, i + 1);
                else if (c == C1Csi) i = SkipCsi(text, i + 1);
                else if (c == '\u0090' || c == '\u0098' || c == '\u009D' || c == '\u009E' || c == '\u009F') i = SkipControlString(text, i + 1);
                else if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n') result.Append("\r\n");
                    i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                }
                else
                {
                    if (!IsUnsafeControl(c)) result.Append(c);
                    i++;
                }
            }
            return result.ToString();
        }

        private static bool NeedsWork(string text)
        {
            foreach (char c in text)
                if (c == '\r' || IsUnsafeControl(c)) return true;
            return false;
        }

        // C0 (but tab and line feed), DEL, C1, and the bidirectional embeddings, overrides and isolates
        // (U+202A-U+202E, U+2066-U+2069), which can make text read in an order other than the one it is in.
        private static bool IsUnsafeControl(char c) =>
            (c < ' ' && c != '\t' && c != '\n') || (c >= '\u007F' && c <= '\u009F')
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

        // After ESC: the sequence's kind is decided by the next character (ECMA-48, section 5.3).
        private static int SkipEscape(string text, int i)
        {
            if (i >= text.Length) return i;
            char next = text[i];
            switch (next)
            {
                case '[': return SkipCsi(text, i + 1);
                case ']':
                case 'P':
                case 'X':
                case '^':
                case '_': return SkipControlString(text, i + 1);
            }
            while (i < text.Length && text[i] >= ' ' && text[i] <= '/') i++;   // nF intermediates, e.g. ESC ( B
            if (i < text.Length && text[i] >= '0' && text[i] <= '~') i++;       // final byte, e.g. ESC c, ESC 7
            return i;
        }

        // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E.
        private static int SkipCsi(string text, int i)
        {
            while (i < text.Length && text[i] >= '0' && text[i] <= '?') i++;
            while (i < text.Length && text[i] >= ' ' && text[i] <= '/') i++;
            if (i < text.Length && text[i] >= '@' && text[i] <= '~') i++;
            return i;
        }

        // OSC/DCS/SOS/PM/APC: everything up to BEL, ESC \ or the 8-bit ST; unterminated runs to the end.
        private static int SkipControlString(string text, int i)
        {
            while (i < text.Length)
            {
                char c = text[i];
                if (c == Bel || c == C1St) return i + 1;
                if (c == Esc) return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i + 1;
                i++;
            }
            return i;
        }
    }
}
