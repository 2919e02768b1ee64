using System.Text.Json;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Protocol
{
    public class DisplayTextTests
    {
        private static GenerateContentResponse Parse(string json) => JsonSerializer.Deserialize(json, GenAIJsonContext.Default.GenerateContentResponse)!;

        [Fact]
        public void Shows_thoughts_code_results_and_function_calls_without_throwing()
        {
            var response = Parse("""
                {"candidates":[{"content":{"role":"model","parts":[
                  {"text":"Let me think.","thought":true},
                  {"text":"Here is the code:"},
                  {"executableCode":{"language":"PYTHON","code":"\nprint(1)\n"}},
                  {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1\n"}},
                  {"functionCall":{"name":"get_weather","args":{ "city" : "Paris" }}}
                ]},"finishReason":"STOP"}],
                 "groundingMetadata":{}}
                """);
            Assert.Equal("[thought] Let me think.\nHere is the code:\n``` python\nprint(1)\n```\n```\n1\n```\n[functionCall get_weather {\"city\":\"Paris\"}]", response.DisplayText);
            Assert.Equal("Here is the code:", response.TextOrEmpty);
        }

        [Fact]
        public void Is_empty_for_a_blocked_prompt()
        {
            Assert.Equal("", Parse("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}").DisplayText);
        }

        [Fact]
        public void Grounding_sources_come_from_the_web_chunks()
        {
            var response = Parse("""
                {"candidates":[{"content":{"parts":[{"text":"x"}]},"groundingMetadata":{
                  "groundingChunks":[{"web":{"uri":"https://a.example/","title":"A"}},{"retrievedContext":{}}],
                  "webSearchQueries":["q"]}}]}
                """);
            var source = Assert.Single(response.Candidates![0].GroundingMetadata!.Sources);
            Assert.Equal("A", source.Title);
            Assert.Equal("https://a.example/", source.Uri);
            Assert.Equal("A <https://a.example/>", response.Candidates[0].GroundingMetadata!.ToString());
        }
    }
}
