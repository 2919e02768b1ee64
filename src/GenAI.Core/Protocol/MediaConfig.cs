using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// <c>generationConfig.imageConfig</c> (https://ai.google.dev/gemini-api/docs/image-generation):
    /// <c>aspectRatio</c> such as <c>16:9</c>, and on Gemini 3 image models <c>imageSize</c> <c>1K</c>, <c>2K</c> or <c>4K</c>.
    /// </summary>
    public sealed class ImageConfig : JsonExtensible
    {
        [JsonPropertyName("aspectRatio")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? AspectRatio { get; set; }

        [JsonPropertyName("imageSize")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ImageSize { get; set; }
    }

    /// <summary>
    /// <c>generationConfig.speechConfig</c> (https://ai.google.dev/gemini-api/docs/speech-generation): one voice,
    /// or up to two named speakers; <c>voiceConfig</c> and <c>multiSpeakerVoiceConfig</c> exclude each other.
    /// </summary>
    public sealed class SpeechConfig : JsonExtensible
    {
        [JsonPropertyName("voiceConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public VoiceConfig? VoiceConfig { get; set; }

        [JsonPropertyName("multiSpeakerVoiceConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public MultiSpeakerVoiceConfig? MultiSpeakerVoiceConfig { get; set; }

        [JsonPropertyName("languageCode")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? LanguageCode { get; set; }

        /// <summary>The single-voice form the SDKs make from a bare voice name.</summary>
        public static SpeechConfig ForVoice(string voiceName) =>
            new SpeechConfig { VoiceConfig = VoiceConfig.Prebuilt(voiceName) };
    }

    public sealed class VoiceConfig : JsonExtensible
    {
        [JsonPropertyName("prebuiltVoiceConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PrebuiltVoiceConfig? PrebuiltVoiceConfig { get; set; }

        public static VoiceConfig Prebuilt(string voiceName) =>
            new VoiceConfig { PrebuiltVoiceConfig = new PrebuiltVoiceConfig { VoiceName = voiceName } };
    }

    public sealed class PrebuiltVoiceConfig : JsonExtensible
    {
        [JsonPropertyName("voiceName")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? VoiceName { get; set; }
    }

    public sealed class MultiSpeakerVoiceConfig : JsonExtensible
    {
        [JsonPropertyName("speakerVoiceConfigs")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<SpeakerVoiceConfig>? SpeakerVoiceConfigs { get; set; }
    }

    public sealed class SpeakerVoiceConfig : JsonExtensible
    {
        /// <summary>The speaker's name as the prompt uses it.</summary>
        [JsonPropertyName("speaker")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Speaker { get; set; }

        [JsonPropertyName("voiceConfig")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public VoiceConfig? VoiceConfig { get; set; }
    }

    /// <summary>
    /// <c>Part.mediaResolution</c> (Gemini 3, https://ai.google.dev/gemini-api/docs/media-resolution): an object,
    /// unlike the request-wide enum string; <c>level</c> adds <c>MEDIA_RESOLUTION_ULTRA_HIGH</c> for images.
    /// </summary>
    public sealed class PartMediaResolution : JsonExtensible
    {
        [JsonPropertyName("level")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Level { get; set; }

        [JsonPropertyName("numTokens")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? NumTokens { get; set; }

        public override string ToString() => Level ?? "";
    }

    /// <summary>A multimodal piece of a function's result (<c>functionResponse.parts[]</c>): inline bytes with their MIME type.</summary>
    public sealed class FunctionResponsePart : JsonExtensible
    {
        [JsonPropertyName("inlineData")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Blob? InlineData { get; set; }

        public override string ToString() => InlineData?.ToString() ?? "";
    }
}
