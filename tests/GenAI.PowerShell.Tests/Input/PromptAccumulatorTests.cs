using System.Linq;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Tests.Input
{
    public class PromptAccumulatorTests
    {
        private static PSObject Line(string text, int number)
        {
            var line = PSObject.AsPSObject(text);
            line.Properties.Add(new PSNoteProperty("PSPath", "FileSystem::/notes.txt"));
            line.Properties.Add(new PSNoteProperty("ReadCount", number));
            return line;
        }

        [Fact]
        public void Piped_lines_of_a_file_are_joined_into_one_text_as_the_file_held_them()
        {
            var prompt = new PromptAccumulator();
            prompt.Add(new object[] { "Summarise:" }, fromPipeline: false);
            prompt.Add(new object[] { Line("first line", 1) }, fromPipeline: true);
            prompt.Add(new object[] { Line("second line", 2) }, fromPipeline: true);

            var content = Assert.Single(prompt.ToContents());

            Assert.Equal(new[] { "Summarise:", "first line\nsecond line" }, content.Parts.Select(p => p.Text));
        }

        [Fact]
        public void Piped_bytes_are_joined_into_one_byte_array_of_the_given_type()
        {
            var prompt = new PromptAccumulator("image/png");
            foreach (byte b in new byte[] { 1, 2, 3 }) prompt.Add(PSObject.AsPSObject(b), fromPipeline: true);

            var part = Assert.Single(Assert.Single(prompt.ToContents()).Parts);

            Assert.Equal("image/png", part.InlineData!.MimeType);
            Assert.Equal("AQID", part.InlineData.Data);
        }

        [Fact]
        public void Strings_given_as_a_parameter_stay_separate_parts()
        {
            var prompt = new PromptAccumulator();
            prompt.Add(new object[] { "one", PSObject.AsPSObject("two") }, fromPipeline: false);

            Assert.Equal(new[] { "one", "two" }, Assert.Single(prompt.ToContents()).Parts.Select(p => p.Text));
            Assert.Equal(2, prompt.Count);
        }

        [Fact]
        public void The_target_of_an_error_is_the_item_as_it_was_given()
        {
            var prompt = new PromptAccumulator();
            var line = Line("only line", 1);
            prompt.Add(line, fromPipeline: false);

            var target = Assert.IsType<PSObject>(prompt.Target);
            Assert.Same(line, target);
            Assert.Equal(1, target.Properties["ReadCount"].Value);
        }

        [Fact]
        public void Every_bad_file_or_byte_array_is_reported_before_anything_is_sent()
        {
            var prompt = new PromptAccumulator();
            prompt.Add(new object[] { PSObject.AsPSObject(new byte[] { 1 }), "text", new byte[] { 2 } }, fromPipeline: false);
            var reported = new System.Collections.Generic.List<(string Code, object? Target)>();

            bool ok = prompt.TryConvertFiles((error, target) => reported.Add((error.ErrorCode, target)));

            Assert.False(ok);
            Assert.Equal(new[] { "MimeTypeRequired", "MimeTypeRequired" }, reported.Select(r => r.Code));
        }

        [Fact]
        public void An_each_item_is_added_to_the_shared_prompt_without_changing_it()
        {
            var prompt = new PromptAccumulator();
            prompt.Add(new object[] { "Translate:" }, fromPipeline: false);

            var first = prompt.ToContentsWith(PSObject.AsPSObject("bonjour"));
            var second = prompt.ToContentsWith("hallo");

            Assert.Equal(new[] { "Translate:", "bonjour" }, Assert.Single(first).Parts.Select(p => p.Text));
            Assert.Equal(new[] { "Translate:", "hallo" }, Assert.Single(second).Parts.Select(p => p.Text));
            Assert.Equal(1, prompt.Count);
        }

        [Fact]
        public void A_null_from_the_pipeline_ends_a_run_of_lines()
        {
            var prompt = new PromptAccumulator();
            prompt.Add("a", fromPipeline: true);
            prompt.Add(new object[] { null! }, fromPipeline: true);
            prompt.Add("b", fromPipeline: true);

            Assert.Equal(new[] { "a", "b" }, Assert.Single(prompt.ToContents()).Parts.Select(p => p.Text));
        }
    }
}
