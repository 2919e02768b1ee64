using System.Collections.Generic;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Input
{
    /// <summary>An empty or white-space prompt is refused like a missing one; anything with data is not blank.</summary>
    public class BlankPromptTests
    {
        [Fact]
        public void No_contents_no_parts_and_empty_or_white_space_text_are_blank()
        {
            Assert.True(BlankPrompt.IsBlank(new List<Content>()));
            Assert.True(BlankPrompt.IsBlank(new[] { new Content("user", new Part[0]) }));
            Assert.True(BlankPrompt.IsBlank(new[] { Content.FromText("") }));
            Assert.True(BlankPrompt.IsBlank(new[] { Content.FromText(" \t\n"), Content.FromText("") }));
        }

        [Fact]
        public void Text_in_any_content_or_non_text_data_is_not_blank()
        {
            Assert.False(BlankPrompt.IsBlank(new[] { Content.FromText(""), Content.FromText("hi") }));
            Assert.False(BlankPrompt.IsBlank(new[] { new Content("user", new[] { new Part { InlineData = new Blob { MimeType = "image/png", Data = "AAEC" } } }) }));
            Assert.False(BlankPrompt.IsBlank(new[] { new Content("user", new[] { new Part { FunctionResponse = new FunctionResponse { Name = "f" } } }) }));
        }
    }
}
