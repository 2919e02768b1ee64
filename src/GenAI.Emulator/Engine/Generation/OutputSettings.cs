using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// The output-media and Gemini 3 settings of a generationConfig: response modalities, image and speech
/// config, thinking level. Checks them the way the service does for image, speech and Gemini 3 models.
/// </summary>
internal sealed class OutputSettings
{
    private static readonly string[] s_levels = { "MINIMAL", "LOW", "MEDIUM", "HIGH" };
    private static readonly string[] s_sizes = { "1K", "2K", "4K", "512" };

    public IReadOnlyList<string> Modalities { get; private init; } = Array.Empty<string>();

    public bool WantsImage => Modalities.Contains("IMAGE");

    public bool WantsAudio => Modalities.Contains("AUDIO");

    public bool WantsText => Modalities.Count == 0 || Modalities.Contains("TEXT");

    public string AspectRatio { get; private init; } = "1:1";

    public string ImageSize { get; private init; } = "1K";

    public string? Voice { get; private init; }

    public static OutputSettings Parse(JsonObject config, Func<string, string> field, ValidationScope scope, ModelInfo? model)
    {
        var modalities = new List<string>();
        if (config["responseModalities"] is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                string? name = JsonRead.String(array[i], $"{field("response_modalities")}[{i}]");
                if (name is not null && name != "MODALITY_UNSPECIFIED")
                {
                    modalities.Add(name);
                }
            }
        }

        ValidateModalities(modalities, model, scope);
        var settings = new OutputSettings { Modalities = modalities };

        if (config["imageConfig"] is JsonObject image)
        {
            string? size = JsonRead.String(image["imageSize"], field("image_config.image_size"));
            if (size is not null && !s_sizes.Contains(size, StringComparer.Ordinal))
            {
                throw Invalid(scope, field("image_config.image_size"), $"image_size must be one of 1K, 2K, 4K or 512 (upper-case K), got \"{size}\".");
            }

            string? ratio = JsonRead.String(image["aspectRatio"], field("image_config.aspect_ratio"));
            if (ratio is not null && !IsRatio(ratio))
            {
                throw Invalid(scope, field("image_config.aspect_ratio"), $"aspect_ratio \"{ratio}\" is not supported.");
            }

            settings = new OutputSettings { Modalities = modalities, AspectRatio = ratio ?? "1:1", ImageSize = size ?? "1K" };
        }

        if (config["speechConfig"] is JsonObject speech)
        {
            if (speech["voiceConfig"] is not null && speech["multiSpeakerVoiceConfig"] is not null)
            {
                throw Invalid(scope, field("speech_config"), "voice_config and multi_speaker_voice_config cannot both be set.");
            }

            string? voice = JsonRead.TryString(speech["voiceConfig"]?["prebuiltVoiceConfig"]?["voiceName"]);
            settings = new OutputSettings { Modalities = settings.Modalities, AspectRatio = settings.AspectRatio, ImageSize = settings.ImageSize, Voice = voice };
        }

        ValidateThinking(config["thinkingConfig"] as JsonObject, field, scope, model);
        return settings;
    }

    private static void ValidateModalities(List<string> modalities, ModelInfo? model, ValidationScope scope)
    {
        // countTokens and caches do not generate: only generateContent checks what the reply may hold.
        if (model is null || model.IsScenario || scope != ValidationScope.Generate)
        {
            return;
        }

        bool ok = model.Output switch
        {
            ModelOutput.Speech => modalities.Count == 1 && modalities[0] == "AUDIO",
            ModelOutput.Image => modalities.All(m => m is "TEXT" or "IMAGE"),
            _ => modalities.All(m => m == "TEXT"),
        };
        if (!ok)
        {
            string asked = modalities.Count == 0 ? "TEXT" : string.Join(", ", modalities);
            throw new ApiException(ApiErrors.InvalidArgument(model.Output == ModelOutput.Speech
                ? $"Model {model.Name} only generates audio; set generation_config.response_modalities to [\"AUDIO\"] (got {asked})."
                : $"The requested combination of response modalities ({asked}) is not supported by the model {model.Name}."));
        }
    }

    private static void ValidateThinking(JsonObject? thinking, Func<string, string> field, ValidationScope scope, ModelInfo? model)
    {
        if (thinking is null || thinking["thinkingLevel"] is null)
        {
            return;
        }

        string? level = JsonRead.String(thinking["thinkingLevel"], field("thinking_config.thinking_level"));
        if (level is null)
        {
            return;
        }

        // The docs' REST samples send lower case, the SDKs upper case: both are accepted.
        if (!s_levels.Contains(level.ToUpperInvariant(), StringComparer.Ordinal) && level.ToUpperInvariant() != "THINKING_LEVEL_UNSPECIFIED")
        {
            throw Invalid(scope, field("thinking_config.thinking_level"), $"Invalid value \"{level}\"; expected MINIMAL, LOW, MEDIUM or HIGH.");
        }

        if (thinking["thinkingBudget"] is not null)
        {
            throw new ApiException(ApiErrors.InvalidArgument("You can only set only one of thinking budget and thinking level."));
        }

        if (model is { Gemini3: false, IsScenario: false })
        {
            throw new ApiException(ApiErrors.InvalidArgument($"Thinking level is not supported for this model ({model.Name}); use thinking_budget."));
        }
    }

    private static bool IsRatio(string ratio)
    {
        string[] sides = ratio.Split(':');
        return sides.Length == 2 && int.TryParse(sides[0], out int w) && int.TryParse(sides[1], out int h) && w > 0 && h > 0;
    }

    private static ApiException Invalid(ValidationScope scope, string field, string description) =>
        new(ApiErrors.InvalidField(scope.RequestType, field, description));
}
