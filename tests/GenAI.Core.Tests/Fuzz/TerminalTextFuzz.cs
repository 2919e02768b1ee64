using System.Linq;
using System.Text;
using CsCheck;
using GenAI.PowerShell.Formatting;

namespace GenAI.Core.Tests.Fuzz
{
    /// <summary>
    /// The display neutraliser (GenAI.PowerShell's TerminalText) on random mixes of escape sequences, C0/C1 controls,
    /// bidirectional overrides and ordinary text: nothing that can steer a terminal or reorder text survives, and
    /// safe text passes through untouched.
    /// </summary>
    public class TerminalTextFuzz
    {
        private static readonly string[] s_pieces =
        {
            "\u001b", "\u001b[", "\u001b[31m", "\u001b[?25l", "\u001b]0;title\u0007", "\u001b]8;;http://x\u001b\\", "\u001bP1q", "\u001b\\",
            "\u001b(B", "\u001bc", "\u009b31m", "\u009d0;t\u009c", "\u0090", "\u009c", "\u0007", "\u0000", "\u0008", "\u007f", "\u0085",
            "\r", "\n", "\r\n", "\t", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200e", "a", "b", " ", "é", "🚀", "[", "]", ";", "m", "\\", "0",
        };

        private static readonly Gen<string> s_text = FuzzGen.Weighted(
            (4, Gen.OneOf(s_pieces).Array[0, 30].Select(string.Concat)),
            (1, Gen.String[0, 40]));

        private static bool IsUnsafe(char c) =>
            (c < ' ' && c != '\t' && c != '\n' && c != '\r') || (c >= '\u007f' && c <= '\u009f')
            || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');

        [Fact]
        public void No_control_escape_or_bidi_override_survives_and_the_result_is_stable()
        {
            s_text.Sample(raw =>
            {
                string shown = TerminalText.Neutralize(raw);
                Assert.DoesNotContain(shown, IsUnsafe);
                for (int i = 0; i < shown.Length; i++)
                    if (shown[i] == '\r') Assert.True(i + 1 < shown.Length && shown[i + 1] == '\n', "a carriage return survives only in CR LF");
                Assert.True(shown.Length <= raw.Length);
                Assert.Equal(shown, TerminalText.Neutralize(shown));
            }, iter: FuzzBudget.Iterations(50_000));
        }

        [Fact]
        public void Safe_text_passes_through_unchanged()
        {
            Gen.String[0, 60].Select(s => new string(s.Where(c => !IsUnsafe(c) && c != '\r').ToArray())).Sample(safe =>
                Assert.Equal(safe, TerminalText.Neutralize(safe)), iter: FuzzBudget.Iterations(20_000));
        }

        [Theory]
        [InlineData("evil\u202Etxt.exe", "eviltxt.exe")]
        [InlineData("a\u2066b\u2069c", "abc")]
        [InlineData("\u202Aleft\u202C \u202Bright\u202C \u202Doverride\u202C", "left right override")]
        [InlineData("\u2067rtl\u2069 \u2068first\u2069", "rtl first")]
        public void Bidirectional_controls_are_removed(string raw, string shown) =>
            Assert.Equal(shown, TerminalText.Neutralize(raw));
    }
}
