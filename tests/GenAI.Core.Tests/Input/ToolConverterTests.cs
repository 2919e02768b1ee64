using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Input
{
    public class ToolConverterTests
    {
        private static string Json(IEnumerable<Tool> tools) => JsonSerializer.Serialize(tools.ToList(), GenAIJsonContext.Default.ListTool);

        [Fact]
        public void Loose_declarations_are_gathered_into_one_tool_and_built_ins_follow()
        {
            var tools = new ToolConverter().Convert(new object[]
            {
                new Hashtable { ["name"] = "get_weather", ["description"] = "Weather for a city.", ["parameters"] = new Hashtable { ["city"] = "string" } },
                new FunctionDeclaration { Name = "get_time" },
                "CodeExecution",
                "google_search",
            });
            Assert.Equal(3, tools.Count);
            Assert.Equal(new[] { "get_weather", "get_time" }, tools[0].FunctionDeclarations!.Select(d => d.Name));
            Assert.Equal("{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}}}", tools[0].FunctionDeclarations![0].Parameters!.Value.GetRawText());
            Assert.True(tools[1].CodeExecution.HasValue);
            Assert.True(tools[2].GoogleSearch.HasValue);
        }

        [Theory]
        [InlineData("code_execution", "{\"codeExecution\":{}}")]
        [InlineData("GoogleSearch", "{\"googleSearch\":{}}")]
        [InlineData("google_search_retrieval", "{\"googleSearchRetrieval\":{}}")]
        [InlineData("url_context", "{\"urlContext\":{}}")]
        public void Built_in_tools_by_name(string name, string expected) =>
            Assert.Equal("[" + expected + "]", Json(new ToolConverter().Convert(name)));

        [Fact]
        public void A_tool_shaped_hashtable_keeps_its_fields()
        {
            var tools = new ToolConverter().Convert(new Hashtable
            {
                ["function_declarations"] = new[] { new Hashtable { ["name"] = "f" } },
                ["google_search_retrieval"] = new Hashtable { ["dynamic_retrieval_config"] = new Hashtable { ["mode"] = "MODE_DYNAMIC" } },
            });
            var tool = Assert.Single(tools);
            Assert.Equal("f", tool.FunctionDeclarations![0].Name);
            Assert.Contains("\"dynamicRetrievalConfig\":{\"mode\":\"MODE_DYNAMIC\"}", Json(tools));
        }

        [Fact]
        public void Duplicate_and_invalid_function_names_are_refused()
        {
            var duplicate = Assert.Throws<InvalidInputException>(() => new ToolConverter().Convert(new object[]
            {
                new Hashtable { ["name"] = "f" }, new Tool { FunctionDeclarations = new List<FunctionDeclaration> { new FunctionDeclaration { Name = "f" } } },
            }));
            Assert.Equal("DuplicateFunctionName", duplicate.ErrorCode);
            var invalid = Assert.Throws<InvalidInputException>(() => new ToolConverter().Convert(new Hashtable { ["name"] = "get weather" }));
            Assert.Equal("InvalidTool", invalid.ErrorCode);
            Assert.Throws<InvalidInputException>(() => new ToolConverter().Convert("web_browser"));
        }

        [Fact]
        public void The_host_hook_builds_declarations_from_its_own_items()
        {
            var tools = new ToolConverter(hook: v => v is int n ? new FunctionDeclaration { Name = "f" + n } : null).Convert(new object[] { 1, 2 });
            Assert.Equal(new[] { "f1", "f2" }, Assert.Single(tools).FunctionDeclarations!.Select(d => d.Name));
        }

        [Theory]
        [InlineData("any", "ANY")]
        [InlineData("MODE_NONE", "NONE")]
        [InlineData("1", "AUTO")]
        [InlineData("validated", "VALIDATED")]
        public void Tool_config_modes(string mode, string expected) =>
            Assert.Equal(expected, ToolConfigConverter.Convert(mode).FunctionCallingConfig!.Mode);

        [Fact]
        public void Tool_config_dictionaries_in_either_shape()
        {
            var flat = ToolConfigConverter.Convert(new Hashtable { ["mode"] = "any", ["allowed_function_names"] = "f" });
            Assert.Equal("ANY", flat.FunctionCallingConfig!.Mode);
            Assert.Equal(new[] { "f" }, flat.FunctionCallingConfig.AllowedFunctionNames);
            var full = ToolConfigConverter.Convert(new Hashtable { ["functionCallingConfig"] = new Hashtable { ["Mode"] = "none" } });
            Assert.Equal("NONE", full.FunctionCallingConfig!.Mode);
            Assert.Throws<InvalidInputException>(() => ToolConfigConverter.Convert("sometimes"));
        }

        [Fact]
        public void Allowed_function_names_with_auto_are_sent_for_the_service_to_judge()
        {
            var config = ToolConfigConverter.Convert(new Hashtable { ["mode"] = "auto", ["allowedFunctionNames"] = "f" });
            Assert.Equal("AUTO", config.FunctionCallingConfig!.Mode);
            Assert.Equal(new[] { "f" }, config.FunctionCallingConfig.AllowedFunctionNames);
            Assert.Contains("\"allowedFunctionNames\":[\"f\"]", JsonSerializer.Serialize(config, GenAIJsonContext.Default.ToolConfig));
        }

        public enum CallingMode { Auto = 1, Any = 2, None = 3 }

        public static IEnumerable<object[]> ShortForms() => new[]
        {
            new object[] { "any" },
            new object[] { "MODE_ANY" },
            new object[] { 2 },
            new object[] { CallingMode.Any },
            new object[] { new FunctionCallingConfig { Mode = "ANY" } },
        };

        [Theory]
        [MemberData(nameof(ShortForms))]
        public void Function_calling_config_may_be_just_a_mode_inside_the_full_shape(object mode)
        {
            var config = ToolConfigConverter.Convert(new Hashtable { ["function_calling_config"] = mode });
            Assert.Equal("ANY", config.FunctionCallingConfig!.Mode);
            var json = ToolConfigConverter.Convert(JsonDocument.Parse("{\"functionCallingConfig\":\"any\"}").RootElement);
            Assert.Equal("ANY", json.FunctionCallingConfig!.Mode);
        }
    }
}
