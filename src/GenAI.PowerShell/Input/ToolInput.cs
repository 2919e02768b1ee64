using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Tools and tool config given as API-shaped values: Tool/ToolConfig objects, or hashtables with the
    /// API's field names (any letter case), e.g. <c>@{ functionDeclarations = @(@{ name = 'f' }) }</c>.
    /// The strings 'codeExecution' and 'googleSearch' name the built-in tools.
    /// </summary>
    internal static class ToolInput
    {
        private static readonly JsonSerializerOptions s_options = new JsonSerializerOptions
        {
            TypeInfoResolver = GenAIJsonContext.Default,
            PropertyNameCaseInsensitive = true,
        };

        public static List<Tool>? ToTools(object[]? values)
        {
            if (values == null) return null;
            var tools = new List<Tool>();
            foreach (var raw in values)
            {
                var value = PromptConverter.Normalize(raw);
                switch (value)
                {
                    case null: continue;
                    case Tool tool: tools.Add(tool); break;
                    case string name: tools.Add(BuiltIn(name)); break;
                    case IDictionary dictionary: tools.Add(Deserialize<Tool>(dictionary, "a tool")); break;
                    default:
                        throw new InvalidInputException("InvalidTool",
                            $"A tool of type '{value.GetType().FullName}' cannot be sent.", value,
                            "Pass hashtables shaped like the API's tools (@{ functionDeclarations = @(...) }) or 'codeExecution' / 'googleSearch'.");
                }
            }
            return tools;
        }

        public static ToolConfig? ToToolConfig(object? raw)
        {
            var value = PromptConverter.Normalize(raw);
            return value switch
            {
                null => null,
                ToolConfig config => config,
                IDictionary dictionary => Deserialize<ToolConfig>(dictionary, "a tool config"),
                _ => throw new InvalidInputException("InvalidToolConfig", $"A tool config of type '{value.GetType().FullName}' cannot be sent.", value,
                    "Pass a hashtable such as @{ functionCallingConfig = @{ mode = 'ANY' } }."),
            };
        }

        private static Tool BuiltIn(string name)
        {
            var empty = JsonDocument.Parse("{}").RootElement.Clone();
            switch (name.Replace("_", "").ToLowerInvariant())
            {
                case "codeexecution": return new Tool { CodeExecution = empty };
                case "googlesearch": return new Tool { GoogleSearch = empty };
                case "googlesearchretrieval": return new Tool { GoogleSearchRetrieval = empty };
                default:
                    throw new InvalidInputException("InvalidTool", $"'{name}' is not a built-in tool.", name,
                        "Use 'codeExecution' or 'googleSearch', or a hashtable with functionDeclarations.");
            }
        }

        private static T Deserialize<T>(IDictionary dictionary, string what) where T : class
        {
            string code = typeof(T) == typeof(ToolConfig) ? "InvalidToolConfig" : "InvalidTool";
            try
            {
                var element = JsonValues.FromObject(dictionary, PromptConverter.Normalize);
                var result = (T?)element.Deserialize(s_options.GetTypeInfo(typeof(T)));
                return result ?? throw new InvalidInputException(code, $"The hashtable is not {what}.", dictionary);
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(code, $"The hashtable does not have the shape of {what}: {ex.Message}", dictionary, inner: ex);
            }
        }
    }
}
