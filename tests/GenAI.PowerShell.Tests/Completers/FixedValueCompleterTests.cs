using System.Collections;
using System.Linq;
using GenAI.PowerShell.Completers;

namespace GenAI.PowerShell.Tests.Completers
{
    public class FixedValueCompleterTests
    {
        private static (string Text, string ToolTip)[] Complete(FixedValueCompleter completer, string parameter, string word) =>
            completer.CompleteArgument("Invoke-GenerateContent", parameter, word, null!, new Hashtable())
                .Select(r => (r.CompletionText, r.ToolTip)).ToArray();

        [Fact]
        public void Each_parameter_gets_its_own_values_matching_the_word_typed_in_any_case()
        {
            Assert.Equal(new[] { "image/png" }, Complete(new MimeTypeCompleter(), "MimeType", "'IMAGE/PN").Select(r => r.Text));
            Assert.Equal(new[] { "text/plain", "text/x.enum" }, Complete(new MimeTypeCompleter(), "ResponseMimeType", "text").Select(r => r.Text));
        }

        [Fact]
        public void Bare_word_settings_complete_with_what_they_mean()
        {
            var modes = Complete(new SettingValueCompleter(), "ToolConfig", "a");

            Assert.Equal(new[] { ("AUTO", "The model decides: text or a function call"), ("ANY", "The model must call a function") }, modes);
            Assert.Contains(("BlockNone", "BLOCK_NONE for harassment, hate speech, sexually explicit and dangerous content"), Complete(new SettingValueCompleter(), "SafetySetting", ""));
        }

        [Fact]
        public void A_parameter_the_completer_does_not_know_gets_nothing()
        {
            Assert.Empty(Complete(new MediaSettingCompleter(), "Temperature", ""));
            Assert.Contains(Complete(new MediaSettingCompleter(), "Voice", "ko"), r => r.Text == "Kore");
        }
    }
}
