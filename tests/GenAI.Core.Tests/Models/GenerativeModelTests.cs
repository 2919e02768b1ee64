using System.Collections.Generic;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Models
{
    public class GenerativeModelTests
    {
        [Theory]
        [InlineData("gemini-pro", "models/gemini-pro")]
        [InlineData("models/gemini-pro", "models/gemini-pro")]
        [InlineData("tunedModels/my-model", "tunedModels/my-model")]
        public void Names_are_normalised_like_the_seed(string input, string expected) =>
            Assert.Equal(expected, new GenerativeModel(input).Name);

        [Fact]
        public void Generation_config_merges_field_by_field_with_the_call_winning()
        {
            var model = new GenerativeModel("m")
            {
                GenerationConfig = new GenerationConfig { Temperature = 0.2, MaxOutputTokens = 100, TopK = 5 },
            };
            var request = model.BuildRequest(new[] { Content.FromText("x", null) },
                new CallOverrides { GenerationConfig = new GenerationConfig { Temperature = 0.9, Seed = 7 } });
            Assert.Equal(0.9, request.GenerationConfig!.Temperature);
            Assert.Equal(100, request.GenerationConfig.MaxOutputTokens);
            Assert.Equal(5, request.GenerationConfig.TopK);
            Assert.Equal(7, request.GenerationConfig.Seed);
        }

        [Fact]
        public void Safety_settings_merge_by_category_and_tools_are_replaced()
        {
            var model = new GenerativeModel("m")
            {
                SafetySettings = new List<SafetySetting> { new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"), new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH") },
                Tools = new List<Tool> { new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "a" } } } },
            };
            var callTools = new List<Tool> { new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "b" } } } };
            var request = model.BuildRequest(new[] { Content.FromText("x") }, new CallOverrides
            {
                SafetySettings = new List<SafetySetting> { new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_LOW_AND_ABOVE") },
                Tools = callTools,
            });
            Assert.Equal(2, request.SafetySettings!.Count);
            Assert.Equal("BLOCK_NONE", request.SafetySettings[0].Threshold);
            Assert.Equal("BLOCK_LOW_AND_ABOVE", request.SafetySettings[1].Threshold);
            Assert.Equal("b", Assert.Single(request.Tools!).FunctionDeclarations![0].Name);
        }

        [Fact]
        public void The_last_content_defaults_to_the_user_role()
        {
            var request = new GenerativeModel("m").BuildRequest(new[] { new Content(null, new[] { Part.FromText("x") }) });
            Assert.Equal("user", request.Contents[0].Role);
        }

        [Fact]
        public void A_cached_model_refuses_its_own_system_instruction()
        {
            var model = new GenerativeModel("m") { CachedContent = "cachedContents/1", SystemInstruction = Content.FromText("be brief", null) };
            var error = Assert.Throws<InvalidInputException>(() => model.BuildRequest(new[] { Content.FromText("x") }));
            Assert.Equal("CachedContentConflict", error.ErrorCode);
        }

        [Fact]
        public void Unknown_generation_config_fields_survive_the_merge()
        {
            var defaults = JsonSerializer.Deserialize("{\"temperature\":0.1,\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"}", GenAIJsonContext.Default.GenerationConfig)!;
            var merged = GenerativeModel.MergeGenerationConfig(defaults, new GenerationConfig { TopP = 0.5 })!;
            string json = JsonSerializer.Serialize(merged, GenAIJsonContext.Default.GenerationConfig);
            Assert.Contains("\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\"", json);
            Assert.Contains("\"topP\":0.5", json);
        }

        [Fact]
        public void A_per_call_system_instruction_replaces_the_models_for_that_call()
        {
            var model = new GenerativeModel("m") { SystemInstruction = Content.FromText("be brief", null) };
            Assert.Equal("be brief", model.BuildRequest(new[] { Content.FromText("x") }).SystemInstruction!.Text);
            var request = model.BuildRequest(new[] { Content.FromText("x") }, new CallOverrides { SystemInstruction = Content.FromText("be verbose", null) });
            Assert.Equal("be verbose", request.SystemInstruction!.Text);
        }

        [Fact]
        public void WithDefaults_lays_defaults_over_a_model_by_the_call_rules()
        {
            var model = new GenerativeModel("m")
            {
                GenerationConfig = new GenerationConfig { Temperature = 0.2, TopK = 3 },
                SafetySettings = new List<SafetySetting> { new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE") },
            };
            var derived = model.WithDefaults(new CallOverrides
            {
                GenerationConfig = new GenerationConfig { Temperature = 0.7 },
                SafetySettings = new List<SafetySetting> { new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH") },
                SystemInstruction = Content.FromText("sys", null),
            });
            Assert.Equal(0.7, derived.GenerationConfig!.Temperature);
            Assert.Equal(3, derived.GenerationConfig.TopK);
            Assert.Equal(2, derived.SafetySettings.Count);
            Assert.Equal("sys", derived.SystemInstruction!.Text);
            Assert.Equal(0.2, model.GenerationConfig.Temperature);
        }

        [Fact]
        public void A_model_from_a_cache_takes_its_name_and_sends_the_cache()
        {
            var model = GenerativeModel.FromCachedContent(new CachedContent { Name = "cachedContents/abc", Model = "models/gemini-2.5-flash" });
            Assert.Equal("models/gemini-2.5-flash", model.Name);
            Assert.Equal("cachedContents/abc", model.BuildRequest(new[] { Content.FromText("x") }).CachedContent);
            Assert.Throws<InvalidInputException>(() => model.BuildRequest(new[] { Content.FromText("x") }, new CallOverrides { SystemInstruction = Content.FromText("s", null) }));
            Assert.Throws<InvalidInputException>(() => model.WithDefaults(new CallOverrides { Tools = new List<Tool> { new Tool() } }));
        }

        [Fact]
        public void The_merged_config_is_validated_before_sending()
        {
            var model = new GenerativeModel("m") { GenerationConfig = new GenerationConfig { ResponseSchema = JsonDocument.Parse("{\"type\":\"STRING\"}").RootElement, ResponseMimeType = "application/json" } };
            var error = Assert.Throws<InvalidInputException>(() =>
                model.BuildRequest(new[] { Content.FromText("x") }, new CallOverrides { GenerationConfig = new GenerationConfig { ResponseMimeType = "text/plain" } }));
            Assert.Equal("InvalidGenerationConfig", error.ErrorCode);
        }
    }
}
