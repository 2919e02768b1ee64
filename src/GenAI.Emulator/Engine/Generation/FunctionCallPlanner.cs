using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// Decides whether the reply is a functionCall. It is when tools declare functions, the
/// functionCallingConfig mode is not NONE, the last content is a user turn without functionResponse
/// parts, and either the prompt text names a declared function (AUTO) or mode is ANY (then the first
/// allowed/declared function when none is named).
/// </summary>
internal static class FunctionCallPlanner
{
    public static JsonObject? TryPlan(JsonObject? lastContent, JsonArray? tools, JsonObject? toolConfig)
    {
        List<JsonObject> declarations = Declarations(tools);
        if (declarations.Count == 0 || lastContent is null || EchoText.HasFunctionResponse(lastContent))
        {
            return null;
        }

        string role = JsonRead.TryString(lastContent["role"]) ?? "user";
        if (role != "user")
        {
            return null;
        }

        JsonObject? config = toolConfig?["functionCallingConfig"] as JsonObject;
        string mode = ModeOf(config?["mode"]);
        if (mode == "NONE")
        {
            return null;
        }

        bool any = mode == "ANY";
        var allowed = (config?["allowedFunctionNames"] as JsonArray)?.Select(JsonRead.TryString).Where(n => n is not null).ToList();
        List<JsonObject> candidates = any && allowed is { Count: > 0 }
            ? allowed.Select(n => declarations.FirstOrDefault(d => Name(d) == n)).Where(d => d is not null).Select(d => d!).ToList()
            : declarations;

        string text = EchoText.PlainText(lastContent);
        JsonObject? chosen = candidates.FirstOrDefault(d => Name(d).Length > 0 && text.Contains(Name(d), StringComparison.Ordinal));
        if (chosen is null && any)
        {
            chosen = candidates.FirstOrDefault();
        }

        if (chosen is null)
        {
            return null;
        }

        JsonNode? parameters = chosen["parameters"] ?? chosen["parametersJsonSchema"];
        JsonNode? args = parameters is null ? new JsonObject() : SchemaValues.Build(parameters, new PromptArguments(text));
        return new JsonObject
        {
            ["name"] = Name(chosen),
            ["args"] = args as JsonObject ?? new JsonObject(),
        };
    }

    /// <summary>The mode name; numbers (1 AUTO, 2 ANY, 3 NONE, 4 VALIDATED) are mapped, absent means AUTO.</summary>
    private static string ModeOf(JsonNode? mode)
    {
        if (mode is JsonValue value && value.TryGetValue(out int number))
        {
            return number switch { 2 => "ANY", 3 => "NONE", _ => "AUTO" };
        }

        return JsonRead.TryString(mode) ?? "AUTO";
    }

    private static List<JsonObject> Declarations(JsonArray? tools) =>
        (tools ?? new JsonArray())
            .Select(tool => tool?["functionDeclarations"] as JsonArray)
            .Where(list => list is not null)
            .SelectMany(list => list!.OfType<JsonObject>())
            .ToList();

    private static string Name(JsonObject declaration) => JsonRead.TryString(declaration["name"]) ?? string.Empty;
}
