using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Protocol
{
    public class ResponseTextTests
    {
        private static GenerateContentResponse Parse(string json) => JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse)!;

        [Fact]
        public void Joins_text_parts_with_newlines_like_the_seed()
        {
            Assert.Equal("A\nB", Parse("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"},{\"text\":\"B\"}]}}]}").Text);
        }

        [Fact]
        public void Renders_code_execution_parts_as_fenced_blocks()
        {
            var text = Parse("{\"candidates\":[{\"content\":{\"parts\":[{\"executableCode\":{\"language\":\"PYTHON\",\"code\":\"\\nprint(1)\"}},{\"codeExecutionResult\":{\"outcome\":\"OUTCOME_OK\",\"output\":\"1\\n\"}}]}}]}").Text;
            Assert.Equal("``` python\nprint(1)\n```\n```\n1\n\n```", text);
        }

        [Fact]
        public void A_function_call_has_no_text()
        {
            var error = Assert.Throws<ResponseHasNoTextException>(() => Parse("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\"}}]}}]}").Text);
            Assert.Contains("functionCall", error.Message);
        }

        [Fact]
        public void Several_candidates_have_no_single_text()
        {
            Assert.Throws<ResponseHasNoTextException>(() => Parse("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}},{\"index\":1,\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}").Text);
        }

        [Fact]
        public void No_parts_names_the_finish_reason()
        {
            var error = Assert.Throws<CandidateStoppedException>(() => Parse("{\"candidates\":[{\"finishReason\":\"RECITATION\"}]}").Text);
            Assert.Equal("RECITATION", error.FinishReason);
            Assert.Contains("RECITATION", error.Message);
        }
    }
}
