using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Tests.Input
{
    public class PromptConverterTests
    {
        [Fact]
        public void Wrapped_strings_and_numbers_become_one_message_of_text_parts()
        {
            var contents = PromptConverter.ToContents(new object?[] { PSObject.AsPSObject("Describe"), PSObject.AsPSObject(3), null });

            var message = Assert.Single(contents);
            Assert.Equal(new[] { "Describe", "3" }, message.Parts.Select(p => p.Text));
        }

        [Fact]
        public void A_custom_object_shaped_like_a_content_is_a_turn_of_the_conversation()
        {
            var turn = new PSObject();
            turn.Properties.Add(new PSNoteProperty("role", "model"));
            turn.Properties.Add(new PSNoteProperty("parts", new object[] { PSObject.AsPSObject(new Hashtable { ["text"] = new PSObject("Hello.") }) }));

            var content = Assert.Single(PromptConverter.ToContents(new object[] { turn }));

            Assert.Equal("model", content.Role);
            Assert.Equal("Hello.", content.Text);
        }

        [Fact]
        public void A_wrapped_file_from_Get_ChildItem_is_read_as_a_file()
        {
            string path = Path.Combine(Path.GetTempPath(), $"genai-prompt-{System.Guid.NewGuid():N}.txt");
            File.WriteAllText(path, "file text");
            try
            {
                var content = Assert.Single(PromptConverter.ToContents(new object[] { PSObject.AsPSObject(new FileInfo(path)) }));
                Assert.Contains("file text", content.Parts.Single().Text);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_hashtable_with_wrapped_inline_bytes_becomes_inline_data()
        {
            var part = new Hashtable { ["inline_data"] = new Hashtable { ["mime_type"] = PSObject.AsPSObject("image/png"), ["data"] = PSObject.AsPSObject(new byte[] { 1, 2 }) } };

            var content = Assert.Single(PromptConverter.ToContents(new object[] { PSObject.AsPSObject(part) }));

            Assert.Equal("image/png", content.Parts.Single().InlineData!.MimeType);
            Assert.Equal("AQI=", content.Parts.Single().InlineData!.Data);
        }

        [Fact]
        public void An_unsupported_wrapped_item_is_refused_by_its_own_type()
        {
            var error = Assert.Throws<InvalidInputException>(() => PromptConverter.ToContents(new object[] { PSObject.AsPSObject(new System.Uri("https://example.com")) }));

            Assert.Equal("UnsupportedInputType", error.ErrorCode);
            Assert.Contains("System.Uri", error.Message);
        }
    }
}
