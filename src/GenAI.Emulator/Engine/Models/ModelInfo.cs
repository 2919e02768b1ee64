using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Models;

/// <summary>One entry of the model catalogue, serialised like <c>GET /v1beta/models/{id}</c>.</summary>
public sealed record ModelInfo
{
    /// <summary>The id without the <c>models/</c> prefix.</summary>
    public required string Id { get; init; }

    public string Name => "models/" + Id;

    public required string Version { get; init; }

    public required string DisplayName { get; init; }

    public required string Description { get; init; }

    public int InputTokenLimit { get; init; } = 1_048_576;

    public int OutputTokenLimit { get; init; } = 8192;

    public IReadOnlyList<string> SupportedGenerationMethods { get; init; } = GenerateMethods;

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? TopK { get; init; }

    public double? MaxTemperature { get; init; }

    public bool Thinking { get; init; }

    /// <summary>For embedding models: the size of a full vector (not part of the model resource).</summary>
    public int? EmbeddingDimensions { get; init; }

    /// <summary>The <c>modelVersion</c> a response reports.</summary>
    public required string ResponseModelVersion { get; init; }

    /// <summary>What the model generates besides text: images (image models) or speech (TTS models, audio only).</summary>
    public ModelOutput Output { get; init; } = ModelOutput.Text;

    /// <summary>
    /// Gemini 3: takes thinkingConfig.thinkingLevel, signs its function calls with thought signatures and
    /// checks them in the current turn (https://ai.google.dev/gemini-api/docs/thought-signatures).
    /// </summary>
    public bool Gemini3 { get; init; }

    /// <summary>True for emulator scenario models (synthesised from the id prefix).</summary>
    public bool IsScenario { get; init; }

    public static readonly IReadOnlyList<string> GenerateMethods = new[]
    {
        "generateContent", "countTokens", "createCachedContent", "batchGenerateContent",
    };

    public bool Supports(string method) => SupportedGenerationMethods.Contains(method, StringComparer.OrdinalIgnoreCase);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["version"] = Version,
            ["displayName"] = DisplayName,
            ["description"] = Description,
            ["inputTokenLimit"] = InputTokenLimit,
            ["outputTokenLimit"] = OutputTokenLimit,
            ["supportedGenerationMethods"] = new JsonArray(SupportedGenerationMethods.Select(m => (JsonNode?)m).ToArray()),
        };
        if (Temperature is { } temperature)
        {
            json["temperature"] = temperature;
        }

        if (TopP is { } topP)
        {
            json["topP"] = topP;
        }

        if (TopK is { } topK)
        {
            json["topK"] = topK;
        }

        if (MaxTemperature is { } maxTemperature)
        {
            json["maxTemperature"] = maxTemperature;
        }

        if (Thinking)
        {
            json["thinking"] = true;
        }

        return json;
    }
}

/// <summary>The media a model can return.</summary>
public enum ModelOutput
{
    Text,
    Image,
    Speech,
}
