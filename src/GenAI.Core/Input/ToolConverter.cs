using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// Tools the way the seed SDK accepts them (https://ai.google.dev/api/caching#Tool), plus Google Search and URL context:
    /// <see cref="Tool"/> and <see cref="FunctionDeclaration"/> objects, hashtables shaped like a Tool
    /// (<c>functionDeclarations</c>, <c>codeExecution</c>, ...) or like one function declaration
    /// (<c>name</c>, <c>description</c>, <c>parameters</c>), the names of the built-in tools, JSON text,
    /// host items through a hook (PowerShell commands), and lists of these. Loose function declarations
    /// are gathered into one Tool; duplicate function names are refused.
    /// </summary>
    public sealed class ToolConverter
    {
        private static readonly Regex s_functionName = new Regex("^[A-Za-z0-9_.:-]{1,64}$", RegexOptions.CultureInvariant);

        private static readonly string[] s_toolFields =
        {
            "functionDeclarations", "codeExecution", "googleSearch", "googleSearchRetrieval", "urlContext", "computerUse", "fileSearch", "googleMaps",
        };

        private static readonly string[] s_declarationFields =
        {
            "name", "description", "parameters", "parametersJsonSchema", "response", "responseJsonSchema", "behavior",
        };

        /// <summary>The built-in tools by name (any case, '_' optional) → the Tool field they enable.</summary>
        public static readonly IReadOnlyDictionary<string, string> BuiltInTools = new Dictionary<string, string>
        {
            ["code_execution"] = "codeExecution",
            ["google_search"] = "googleSearch",
            ["google_search_retrieval"] = "googleSearchRetrieval",
            ["url_context"] = "urlContext",
        };

        private readonly Func<object, FunctionDeclaration?>? _hook;
        private readonly SchemaConverter _schemas;

        /// <param name="hook">Builds a declaration from a host item (a PowerShell command); null to fall through.</param>
        /// <param name="schemas">Converts the parameters of hashtable declarations.</param>
        public ToolConverter(Func<object, FunctionDeclaration?>? hook = null, SchemaConverter? schemas = null)
        {
            _hook = hook;
            _schemas = schemas ?? new SchemaConverter();
        }

        /// <summary>A valid function name: letters, digits, '_', '.', ':' or '-', at most 64 characters.</summary>
        public static bool IsValidFunctionName(string? name) => name != null && s_functionName.IsMatch(name);

        public List<Tool> Convert(object? value)
        {
            var declarations = new List<FunctionDeclaration>();
            var tools = new List<Tool>();
            Add(value, declarations, tools);
            var result = new List<Tool>();
            if (declarations.Count > 0) result.Add(new Tool { FunctionDeclarations = declarations });
            result.AddRange(tools);
            CheckNames(result);
            return result;
        }

        /// <summary>Refuses invalid and duplicate function names across <paramref name="tools"/>.</summary>
        public static void CheckNames(IEnumerable<Tool> tools)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declaration in tools.SelectMany(t => t.FunctionDeclarations ?? new List<FunctionDeclaration>()))
            {
                if (!IsValidFunctionName(declaration.Name))
                    throw new InvalidInputException(ErrorCodes.InvalidTool,
                        $"'{declaration.Name}' is not a valid function name: use 1 to 64 letters, digits, '_', '.', ':' or '-'.", declaration);
                if (!seen.Add(declaration.Name!))
                    throw new InvalidInputException(ErrorCodes.DuplicateFunctionName, $"The function '{declaration.Name}' is declared more than once.", declaration,
                        "Declare each function once; remove the duplicate from the tools.");
            }
        }

        private void Add(object? value, List<FunctionDeclaration> declarations, List<Tool> tools)
        {
            if (value == null) return;
            var hooked = _hook?.Invoke(value);
            if (hooked != null)
            {
                declarations.Add(hooked);
                return;
            }
            switch (value)
            {
                case Tool tool:
                    tools.Add(tool);
                    return;
                case FunctionDeclaration declaration:
                    declarations.Add(declaration);
                    return;
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.TrimStart().StartsWith("[", StringComparison.Ordinal):
                    Add(ParseJson(text), declarations, tools);
                    return;
                case string name:
                    tools.Add(BuiltIn(name));
                    return;
                case JsonElement element when element.ValueKind == JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) Add(item, declarations, tools);
                    return;
                case JsonElement element when element.ValueKind == JsonValueKind.Object:
                    Add(ToDictionary(element), declarations, tools);
                    return;
                case IDictionary dictionary when Keys(dictionary).Any(k => s_toolFields.Contains(k)):
                    tools.Add(ToTool(dictionary));
                    return;
                case IDictionary dictionary:
                    declarations.Add(ToDeclaration(dictionary));
                    return;
                case IEnumerable items:
                    foreach (var item in items) Add(item, declarations, tools);
                    return;
                default:
                    throw new InvalidInputException(ErrorCodes.InvalidTool, $"A tool cannot be made from a value of type '{value.GetType().Name}'.", value,
                        "Pass function declarations such as { name = 'get_weather', description = '...', parameters = { ... } }, or 'code_execution', 'google_search', 'url_context'.");
            }
        }

        private static Tool BuiltIn(string name)
        {
            string key = FieldNames.Squash(name);
            var match = BuiltInTools.FirstOrDefault(p => FieldNames.Squash(p.Key) == key);
            if (match.Value == null)
                throw new InvalidInputException(ErrorCodes.InvalidTool,
                    $"'{name}' is not a built-in tool. Built-in tools: {string.Join(", ", BuiltInTools.Keys)}.", name,
                    "To let the model call your own code, pass a function declaration.");
            using var document = JsonDocument.Parse("{}");
            var empty = document.RootElement.Clone();
            return match.Value switch
            {
                "codeExecution" => new Tool { CodeExecution = empty },
                "googleSearch" => new Tool { GoogleSearch = empty },
                "googleSearchRetrieval" => new Tool { GoogleSearchRetrieval = empty },
                _ => new Tool { UrlContext = empty },
            };
        }

        private Tool ToTool(IDictionary dictionary)
        {
            var node = new JsonObject();
            List<FunctionDeclaration>? declarations = null;
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = FieldNames.Resolve(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", s_toolFields);
                if (key == "functionDeclarations")
                {
                    declarations = new List<FunctionDeclaration>();
                    var tools = new List<Tool>();
                    Add(entry.Value, declarations, tools);
                    if (tools.Count > 0) throw new InvalidInputException(ErrorCodes.InvalidTool, "functionDeclarations may hold only function declarations.", dictionary);
                    continue;
                }
                node[key] = CamelKeys(JsonNode.Parse(JsonValues.FromObject(entry.Value ?? new Dictionary<string, object?>()).GetRawText()));
            }
            var tool = node.Deserialize(GenAIJsonContext.Default.Tool)!;
            tool.FunctionDeclarations = declarations;
            return tool;
        }

        private FunctionDeclaration ToDeclaration(IDictionary dictionary)
        {
            var declaration = new FunctionDeclaration();
            var extra = new Dictionary<string, JsonElement>();
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = FieldNames.Resolve(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", s_declarationFields);
                object? value = entry.Value;
                switch (key)
                {
                    case "name": declaration.Name = System.Convert.ToString(value, CultureInfo.InvariantCulture); break;
                    case "description": declaration.Description = System.Convert.ToString(value, CultureInfo.InvariantCulture); break;
                    case "parameters": break;
                    case "response": declaration.Response = value == null ? (JsonElement?)null : _schemas.Convert(value); break;
                    case "parametersJsonSchema": declaration.ParametersJsonSchema = JsonValues.FromObject(value); break;
                    default:
                        if (!s_declarationFields.Contains(key))
                            throw new InvalidInputException(ErrorCodes.InvalidTool,
                                $"'{entry.Key}' is not a field of a function declaration (name, description, parameters, ...). A tool hashtable uses functionDeclarations, codeExecution, googleSearch, ...", dictionary);
                        extra[key] = JsonValues.FromObject(value);
                        break;
                }
            }
            if (string.IsNullOrEmpty(declaration.Name))
                throw new InvalidInputException(ErrorCodes.InvalidTool, "A function declaration needs a name.", dictionary,
                    "Use @{ name = 'get_weather'; description = 'Weather for a city'; parameters = @{ type = 'object'; properties = @{ city = 'string' } } }.");
            foreach (DictionaryEntry entry in dictionary)
            {
                if (FieldNames.Squash(System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "") != "parameters") continue;
                var parameters = entry.Value;
                if (parameters != null) declaration.Parameters = _schemas.ConvertParameters(WithObjectType(parameters), declaration.Name!);
            }
            if (extra.Count > 0) declaration.AdditionalProperties = extra;
            return declaration;
        }

        // parameters = @{ properties = @{...} } or a bare property map @{ city = 'string' } both mean an OBJECT.
        private object WithObjectType(object parameters)
        {
            if (!(parameters is IDictionary dictionary)) return parameters;
            var keys = Keys(dictionary).ToList();
            if (keys.Contains("type") || keys.Contains("properties")) return parameters;
            return new Dictionary<string, object?> { ["type"] = "object", ["properties"] = parameters };
        }

        private static IEnumerable<string> Keys(IDictionary dictionary) =>
            dictionary.Keys.Cast<object>().Select(k => FieldNames.Resolve(System.Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", s_toolFields.Concat(s_declarationFields).Concat(new[] { "type", "properties" })));

        private static object ParseJson(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidTool, $"The tool text is not valid JSON: {ex.Message}", text);
            }
        }

        private static IDictionary ToDictionary(JsonElement element)
        {
            var result = new System.Collections.Specialized.OrderedDictionary();
            foreach (var property in element.EnumerateObject()) result[property.Name] = property.Value;
            return result;
        }

        private static JsonNode? CamelKeys(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var pair in obj.ToList())
                {
                    obj.Remove(pair.Key);
                    obj[FieldNames.ToCamel(pair.Key)] = CamelKeys(pair.Value);
                }
            }
            return node;
        }
    }
}
