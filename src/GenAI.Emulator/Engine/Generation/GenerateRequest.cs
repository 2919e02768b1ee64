using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>A normalised, validated GenerateContentRequest.</summary>
internal sealed class GenerateRequest
{
    private GenerateRequest(JsonObject raw, JsonArray contents, GenerationSettings settings)
    {
        Raw = raw;
        Contents = contents;
        Settings = settings;
    }

    public JsonObject Raw { get; }

    public JsonArray Contents { get; }

    public JsonObject? SystemInstruction => Raw["systemInstruction"] as JsonObject;

    public JsonArray? Tools => Raw["tools"] as JsonArray;

    public JsonObject? ToolConfig => Raw["toolConfig"] as JsonObject;

    public GenerationSettings Settings { get; }

    /// <summary>The <c>cachedContents/{id}</c> name, when the request uses a cache.</summary>
    public string? CachedContent { get; private init; }

    /// <summary>The <c>model</c> member of the body (needed inside countTokens.generateContentRequest).</summary>
    public string? Model { get; private init; }

    /// <summary>Validates <paramref name="raw"/> (already normalised against GenerateContentRequest).</summary>
    public static GenerateRequest From(JsonObject raw, ValidationScope scope, ModelInfo? model, bool requireContents)
    {
        JsonArray contents = raw["contents"] as JsonArray ?? new JsonArray();
        if (requireContents && contents.Count == 0)
        {
            throw new ApiException(ApiErrors.InvalidField(scope.RequestType, scope.Field("contents"), "contents is not specified"));
        }

        ContentValidator.ValidateContents(contents, scope);
        if (raw["systemInstruction"] is JsonObject system)
        {
            ContentValidator.ValidateContent(system, scope, "system_instruction");
        }

        EnumFields.Validate(raw, scope);
        if (scope == ValidationScope.Generate)
        {
            ThoughtSignatures.Validate(contents, model);
        }

        var settings = GenerationSettings.Parse(raw["generationConfig"] as JsonObject, scope, model);
        return new GenerateRequest(raw, contents, settings)
        {
            CachedContent = JsonRead.String(raw["cachedContent"], scope.Field("cached_content")),
            Model = JsonRead.String(raw["model"], scope.Field("model")),
        };
    }
}
