using System;
using System.Collections.Generic;
using System.Linq;
using GenAI.Emulator.Engine.Scenarios;

namespace GenAI.Emulator.Engine.Models;

/// <summary>
/// The models the emulator knows: a realistic Gemini catalogue followed by one listed example of
/// each scenario model. Any id that starts with a scenario prefix also resolves (free tag after it).
/// </summary>
public sealed class ModelCatalog
{
    private readonly List<ModelInfo> _listed;
    private readonly Dictionary<string, ModelInfo> _byId;

    public ModelCatalog()
    {
        _listed = BuildRealModels().Concat(ScenarioCatalog.ListedExamples.Select(ForScenario)).ToList();
        _byId = _listed.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The models in list order (models.list).</summary>
    public IReadOnlyList<ModelInfo> Listed => _listed;

    /// <summary>Resolves <c>gemini-2.0-flash</c> or <c>models/gemini-2.0-flash</c>; scenario ids with any tag resolve too.</summary>
    public ModelInfo? Find(string idOrName)
    {
        string id = StripPrefix(idOrName);
        if (_byId.TryGetValue(id, out ModelInfo? model))
        {
            return model;
        }

        return ScenarioParser.TryParse(id, out _) ? ForScenario(id) : null;
    }

    public static string StripPrefix(string idOrName) =>
        idOrName.StartsWith("models/", StringComparison.Ordinal) ? idOrName["models/".Length..] : idOrName;

    /// <summary>A catalogue entry for a scenario or replay model: a gemini-2.0-flash clone.</summary>
    public static ModelInfo ForScenario(string id) => new()
    {
        Id = id,
        Version = "001",
        DisplayName = "Emulator " + id,
        Description = ScenarioParser.TryParse(id, out Scenario scenario)
            ? "GenAI emulator scenario model: " + scenario.Describe()
            : "GenAI emulator model.",
        OutputTokenLimit = 8192,
        Temperature = 1,
        TopP = 0.95,
        TopK = 40,
        MaxTemperature = 2,
        ResponseModelVersion = "gemini-2.0-flash-001",
        IsScenario = true,
    };

    private static IEnumerable<ModelInfo> BuildRealModels()
    {
        yield return new ModelInfo
        {
            Id = "gemini-2.5-flash", Version = "001", DisplayName = "Gemini 2.5 Flash",
            Description = "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.",
            OutputTokenLimit = 65536, Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 2, Thinking = true,
            ResponseModelVersion = "gemini-2.5-flash",
        };
        yield return new ModelInfo
        {
            Id = "gemini-2.5-pro", Version = "2.5", DisplayName = "Gemini 2.5 Pro",
            Description = "Stable release (June 17th, 2025) of Gemini 2.5 Pro",
            OutputTokenLimit = 65536, Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 2, Thinking = true,
            ResponseModelVersion = "gemini-2.5-pro",
        };
        yield return new ModelInfo
        {
            Id = "gemini-2.0-flash", Version = "2.0", DisplayName = "Gemini 2.0 Flash", Description = "Gemini 2.0 Flash",
            Temperature = 1, TopP = 0.95, TopK = 40, MaxTemperature = 2, ResponseModelVersion = "gemini-2.0-flash-001",
        };
        yield return new ModelInfo
        {
            Id = "gemini-2.0-flash-lite", Version = "2.0", DisplayName = "Gemini 2.0 Flash-Lite", Description = "Gemini 2.0 Flash-Lite",
            Temperature = 1, TopP = 0.95, TopK = 40, MaxTemperature = 2, ResponseModelVersion = "gemini-2.0-flash-lite-001",
        };
        yield return new ModelInfo
        {
            Id = "gemini-1.5-flash", Version = "001", DisplayName = "Gemini 1.5 Flash",
            Description = "Fast and versatile multimodal model for scaling across diverse tasks",
            InputTokenLimit = 1_000_000, Temperature = 1, TopP = 0.95, TopK = 40, MaxTemperature = 2,
            ResponseModelVersion = "gemini-1.5-flash-002",
        };
        yield return new ModelInfo
        {
            Id = "gemini-1.5-pro", Version = "001", DisplayName = "Gemini 1.5 Pro",
            Description = "Mid-size multimodal model that supports up to 2 million tokens",
            InputTokenLimit = 2_000_000, Temperature = 1, TopP = 0.95, TopK = 40, MaxTemperature = 2,
            ResponseModelVersion = "gemini-1.5-pro-002",
        };
        yield return new ModelInfo
        {
            Id = "text-embedding-004", Version = "004", DisplayName = "Text Embedding 004",
            Description = "Obtain a distributed representation of a text.",
            InputTokenLimit = 2048, OutputTokenLimit = 1, SupportedGenerationMethods = new[] { "embedContent" },
            ResponseModelVersion = "text-embedding-004", EmbeddingDimensions = 768,
        };
        yield return new ModelInfo
        {
            // As the service lists it: batchEmbedContents works without being listed (https://ai.google.dev/gemini-api/docs/embeddings).
            Id = "gemini-embedding-001", Version = "001", DisplayName = "Gemini Embedding 001",
            Description = "Obtain a distributed representation of a text.",
            InputTokenLimit = 2048, OutputTokenLimit = 1,
            SupportedGenerationMethods = new[] { "embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent" },
            ResponseModelVersion = "gemini-embedding-001", EmbeddingDimensions = 3072,
        };
        yield return new ModelInfo
        {
            Id = "gemma-3-27b-it", Version = "001", DisplayName = "Gemma 3 27B", Description = "",
            InputTokenLimit = 131072, OutputTokenLimit = 8192,
            SupportedGenerationMethods = new[] { "generateContent", "countTokens" },
            Temperature = 1, TopP = 0.95, ResponseModelVersion = "gemma-3-27b-it",
        };
        foreach (ModelInfo model in Gemini3AndMediaModels())
        {
            yield return model;
        }
    }

    // Gemini 3, image and speech models as models.list shows them (https://ai.google.dev/gemini-api/docs/models).
    private static IEnumerable<ModelInfo> Gemini3AndMediaModels()
    {
        string[] noCaching = { "generateContent", "countTokens", "batchGenerateContent" };
        yield return Gemini3Text("gemini-3-pro-preview", "3-pro-preview-11-2025", "Gemini 3 Pro Preview");
        yield return Gemini3Text("gemini-3-flash-preview", "3-flash-preview-12-2025", "Gemini 3 Flash Preview");
        yield return Gemini3Text("gemini-3.1-pro-preview", "3.1-pro-preview-01-2026", "Gemini 3.1 Pro Preview");
        yield return new ModelInfo
        {
            Id = "gemini-2.5-flash-image", Version = "2.0", DisplayName = "Nano Banana", Description = "Gemini 2.5 Flash Image",
            InputTokenLimit = 32768, OutputTokenLimit = 32768, SupportedGenerationMethods = noCaching,
            Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 2, ResponseModelVersion = "gemini-2.5-flash-image", Output = ModelOutput.Image,
        };
        yield return new ModelInfo
        {
            Id = "gemini-3-pro-image-preview", Version = "3.0", DisplayName = "Nano Banana Pro", Description = "Gemini 3 Pro Image Preview",
            InputTokenLimit = 131072, OutputTokenLimit = 32768, SupportedGenerationMethods = noCaching,
            Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 1, Thinking = true,
            ResponseModelVersion = "gemini-3-pro-image-preview", Output = ModelOutput.Image, Gemini3 = true,
        };
        foreach (string size in new[] { "flash", "pro" })
        {
            yield return new ModelInfo
            {
                Id = $"gemini-2.5-{size}-preview-tts", Version = "gemini-2.5-" + size + "-exp-tts-2025-05-19",
                DisplayName = $"Gemini 2.5 {(size == "flash" ? "Flash" : "Pro")} Preview TTS", Description = "Gemini 2.5 text-to-speech preview",
                InputTokenLimit = 8192, OutputTokenLimit = 16384, SupportedGenerationMethods = new[] { "countTokens", "generateContent" },
                Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 2, ResponseModelVersion = $"gemini-2.5-{size}-preview-tts", Output = ModelOutput.Speech,
            };
        }
    }

    private static ModelInfo Gemini3Text(string id, string version, string displayName) => new()
    {
        Id = id, Version = version, DisplayName = displayName, Description = displayName,
        OutputTokenLimit = 65536, Temperature = 1, TopP = 0.95, TopK = 64, MaxTemperature = 2, Thinking = true,
        ResponseModelVersion = id, Gemini3 = true,
    };
}
