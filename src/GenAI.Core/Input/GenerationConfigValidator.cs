using System.Collections.Generic;
using System.Globalization;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;

namespace GenAI.Core.Input
{
    /// <summary>
    /// The ranges the service enforces, checked before sending so the error names the field and the
    /// allowed values instead of arriving as a 400 after a round trip.
    /// </summary>
    public static class GenerationConfigValidator
    {
        public const int MaxStopSequences = 5;
        public const int MaxCandidateCount = 8;

        public static void Validate(GenerationConfig? config)
        {
            if (config == null) return;
            Range("temperature", config.Temperature, 0, 2, config);
            Range("topP", config.TopP, 0, 1, config);
            if (config.TopK < 1) throw Invalid($"generationConfig.topK must be at least 1, got {config.TopK}.", config);
            if (config.CandidateCount is int count && (count < 1 || count > MaxCandidateCount))
                throw Invalid($"generationConfig.candidateCount must be between 1 and {MaxCandidateCount}, got {count}.", config);
            if (config.MaxOutputTokens < 1) throw Invalid($"generationConfig.maxOutputTokens must be at least 1, got {config.MaxOutputTokens}.", config);
            if (config.StopSequences != null)
            {
                if (config.StopSequences.Count > MaxStopSequences)
                    throw Invalid($"generationConfig.stopSequences may hold at most {MaxStopSequences} sequences, got {config.StopSequences.Count}.", config);
                if (config.StopSequences.Exists(string.IsNullOrEmpty))
                    throw Invalid("generationConfig.stopSequences must not contain empty sequences.", config);
            }
            Range("presencePenalty", config.PresencePenalty, -2, 2, config);
            Range("frequencyPenalty", config.FrequencyPenalty, -2, 2, config);
            if (config.Logprobs is int logprobs && (logprobs < 0 || logprobs > 20))
                throw Invalid($"generationConfig.logprobs must be between 0 and 20, got {logprobs}.", config);
            if (config.ThinkingConfig?.ThinkingBudget < -1)
                throw Invalid($"generationConfig.thinkingConfig.thinkingBudget must be -1 (automatic), 0 (off) or a positive token count, got {config.ThinkingConfig!.ThinkingBudget}.", config);
            ValidateMediaAndThinking(config);
            if (config.ResponseSchema.HasValue && config.ResponseJsonSchema.HasValue)
                throw Invalid("generationConfig sets both responseSchema and responseJsonSchema; use one.", config);
            bool hasSchema = config.ResponseSchema.HasValue || config.ResponseJsonSchema.HasValue;
            if (hasSchema && config.ResponseMimeType != null && config.ResponseMimeType != "application/json" && config.ResponseMimeType != "text/x.enum")
                throw Invalid($"A response schema needs responseMimeType application/json (or text/x.enum), not {config.ResponseMimeType}.", config);
        }

        /// <summary>thinkingLevel values (https://ai.google.dev/gemini-api/docs/thinking).</summary>
        public static readonly IReadOnlyList<string> ThinkingLevels = new[] { "MINIMAL", "LOW", "MEDIUM", "HIGH" };

        /// <summary>imageConfig.imageSize values; the service wants the upper-case K.</summary>
        public static readonly IReadOnlyList<string> ImageSizes = new[] { "1K", "2K", "4K", "512" };

        public static readonly IReadOnlyList<string> MediaResolutions = new[] { "MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_MEDIUM", "MEDIA_RESOLUTION_HIGH" };

        public const int MaxSpeakers = 2;

        private static void ValidateMediaAndThinking(GenerationConfig config)
        {
            var thinking = config.ThinkingConfig;
            if (thinking?.ThinkingLevel != null)
            {
                if (thinking.ThinkingBudget.HasValue)
                    throw Invalid("generationConfig.thinkingConfig sets both thinkingLevel and thinkingBudget; the service accepts only one. Use thinkingLevel on Gemini 3 models and thinkingBudget on Gemini 2.5.", config);
                if (!Contains(ThinkingLevels, thinking.ThinkingLevel))
                    throw Invalid($"generationConfig.thinkingConfig.thinkingLevel must be one of {string.Join(", ", ThinkingLevels)}, got '{thinking.ThinkingLevel}'.", config);
            }
            if (config.ImageConfig?.ImageSize is string size && !Contains(ImageSizes, size))
                throw Invalid($"generationConfig.imageConfig.imageSize must be one of {string.Join(", ", ImageSizes)} (upper-case K), got '{size}'.", config);
            if (config.MediaResolution != null && config.MediaResolution != "MEDIA_RESOLUTION_UNSPECIFIED" && !Contains(MediaResolutions, config.MediaResolution))
                throw Invalid($"generationConfig.mediaResolution must be one of {string.Join(", ", MediaResolutions)}, got '{config.MediaResolution}'.", config);
            var speech = config.SpeechConfig;
            if (speech?.VoiceConfig != null && speech.MultiSpeakerVoiceConfig != null)
                throw Invalid("generationConfig.speechConfig sets both voiceConfig and multiSpeakerVoiceConfig; use one voice or a list of speakers.", config);
            if (speech?.MultiSpeakerVoiceConfig?.SpeakerVoiceConfigs is { } speakers)
            {
                if (speakers.Count == 0 || speakers.Count > MaxSpeakers)
                    throw Invalid($"generationConfig.speechConfig.multiSpeakerVoiceConfig needs 1 to {MaxSpeakers} speakers, got {speakers.Count}.", config);
                if (speakers.Exists(s => string.IsNullOrEmpty(s.Speaker)))
                    throw Invalid("Every speaker in generationConfig.speechConfig.multiSpeakerVoiceConfig needs a 'speaker' name (the name the prompt uses).", config);
            }
        }

        private static bool Contains(IReadOnlyList<string> values, string value)
        {
            foreach (var v in values) if (v == value) return true;
            return false;
        }

        private static void Range(string name, double? value, double min, double max, GenerationConfig config)
        {
            if (value is double v && (v < min || v > max || double.IsNaN(v)))
                throw Invalid(string.Format(CultureInfo.InvariantCulture, "generationConfig.{0} must be between {1} and {2}, got {3}.", name, min, max, v), config);
        }

        private static InvalidInputException Invalid(string message, GenerationConfig config) =>
            new InvalidInputException(ErrorCodes.InvalidGenerationConfig, message, config,
                "Correct the value: temperature 0-2, topP 0-1, topK >= 1, candidateCount 1-8, maxOutputTokens >= 1, at most 5 stop sequences, penalties -2 to 2.");
    }
}
