using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Input
{
    public class GenerationConfigConverterTests
    {
        private static string Json(GenerationConfig config) => JsonSerializer.Serialize(config, GenAIJsonContext.Default.GenerationConfig);

        [Fact]
        public void Snake_Pascal_and_camel_names_are_one_field()
        {
            var config = new GenerationConfigConverter().Convert(new Hashtable
            {
                ["max_output_tokens"] = 100, ["Temperature"] = 0.5, ["topP"] = "0.25", ["StopSequences"] = "END",
            });
            Assert.Equal(100, config.MaxOutputTokens);
            Assert.Equal(0.5, config.Temperature);
            Assert.Equal(0.25, config.TopP);
            Assert.Equal(new[] { "END" }, config.StopSequences);
        }

        [Fact]
        public void Unknown_and_nested_fields_pass_through_in_camel_case()
        {
            var config = new GenerationConfigConverter().Convert(new Hashtable
            {
                ["speech_config"] = new Hashtable { ["voice_config"] = new Hashtable { ["prebuilt_voice_config"] = new Hashtable { ["voice_name"] = "Kore" } } },
                ["response_modalities"] = new[] { "audio" },
                ["media_resolution"] = "low",
                ["thinking_config"] = new Hashtable { ["thinking_budget"] = 512, ["IncludeThoughts"] = true },
                ["someFutureField"] = 3,
            });
            string json = Json(config);
            Assert.Contains("\"speechConfig\":{\"voiceConfig\":{\"prebuiltVoiceConfig\":{\"voiceName\":\"Kore\"}}}", json);
            Assert.Contains("\"responseModalities\":[\"AUDIO\"]", json);
            Assert.Contains("\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"", json);
            Assert.Contains("\"someFutureField\":3", json);
            Assert.Equal(512, config.ThinkingConfig!.ThinkingBudget);
            Assert.True(config.ThinkingConfig.IncludeThoughts);
        }

        [Fact]
        public void Json_text_is_accepted()
        {
            var config = new GenerationConfigConverter().Convert("{\"temperature\": 1, \"candidate_count\": 2}");
            Assert.Equal(1.0, config.Temperature);
            Assert.Equal(2, config.CandidateCount);
        }

        [Fact]
        public void A_response_schema_hashtable_is_converted_to_the_api_schema()
        {
            var properties = new OrderedDictionary { ["name"] = "string", ["age"] = "integer" };
            var config = new GenerationConfigConverter().Convert(new Hashtable
            {
                ["responseMimeType"] = "application/json",
                ["responseSchema"] = new Hashtable { ["type"] = "object", ["properties"] = properties },
            });
            Assert.Equal("{\"type\":\"OBJECT\",\"properties\":{\"name\":{\"type\":\"STRING\"},\"age\":{\"type\":\"INTEGER\"}},\"propertyOrdering\":[\"name\",\"age\"]}",
                config.ResponseSchema!.Value.GetRawText());
        }

        [Theory]
        [InlineData("temperature", "hot", "must be a number")]
        [InlineData("topK", "2.5", "must be a whole number")]
        [InlineData("responseLogprobs", "maybe", "must be $true or $false")]
        public void Values_of_the_wrong_type_are_refused_naming_the_field(string field, string value, string expected)
        {
            var error = Assert.Throws<InvalidInputException>(() => new GenerationConfigConverter().Convert(new Hashtable { [field] = value }));
            Assert.Equal("InvalidGenerationConfig", error.ErrorCode);
            Assert.Contains(field, error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Theory]
        [InlineData("{\"temperature\": 2.5}", "temperature")]
        [InlineData("{\"topP\": 1.5}", "topP")]
        [InlineData("{\"topK\": 0}", "topK")]
        [InlineData("{\"candidateCount\": 9}", "candidateCount")]
        [InlineData("{\"maxOutputTokens\": 0}", "maxOutputTokens")]
        [InlineData("{\"stopSequences\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "stopSequences")]
        [InlineData("{\"presencePenalty\": -3}", "presencePenalty")]
        [InlineData("{\"thinkingConfig\": {\"thinkingBudget\": -2}}", "thinkingBudget")]
        [InlineData("{\"responseSchema\": {\"type\": \"string\"}, \"responseMimeType\": \"text/plain\"}", "responseMimeType")]
        public void Out_of_range_values_are_refused_before_sending(string json, string field)
        {
            var config = new GenerationConfigConverter().Convert(json);
            var error = Assert.Throws<InvalidInputException>(() => GenerationConfigValidator.Validate(config));
            Assert.Contains(field, error.Message);
        }

        [Fact]
        public void Valid_edges_pass()
        {
            var config = new GenerationConfigConverter().Convert(
                "{\"temperature\": 2, \"topP\": 0, \"topK\": 1, \"candidateCount\": 8, \"thinkingConfig\": {\"thinkingBudget\": -1}}");

            Assert.Null(Record.Exception(() => GenerationConfigValidator.Validate(config)));
            Assert.Equal((2.0, 0.0, 1, 8, -1), (config.Temperature, config.TopP, config.TopK, config.CandidateCount, config.ThinkingConfig?.ThinkingBudget));
        }
    }
}
