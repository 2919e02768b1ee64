using System;
using System.Collections;
using System.Linq;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Commands;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// The output-media and Gemini 3 parameters (-ResponseModality, -ImageAspectRatio, -ImageSize,
    /// -SpeechConfig, -Voice, -ThinkingLevel, -MediaResolution) laid over a generation config that
    /// -GenerationConfig may have started: -SpeechConfig replaces speechConfig, -Voice then sets its voice.
    /// </summary>
    internal static class MediaSettings
    {
        public static void Apply(ModelSettingsCmdlet cmdlet, Func<GenerationConfig> config)
        {
            if (cmdlet.ResponseModality != null)
                config().ResponseModalities = cmdlet.ResponseModality.Select(m => m.ToUpperInvariant()).Distinct().ToList();
            if (cmdlet.ImageAspectRatio != null) (config().ImageConfig ??= new ImageConfig()).AspectRatio = cmdlet.ImageAspectRatio;
            if (cmdlet.ImageSize != null) (config().ImageConfig ??= new ImageConfig()).ImageSize = cmdlet.ImageSize.ToUpperInvariant();
            if (cmdlet.SpeechConfig != null) config().SpeechConfig = ConvertSpeechConfig(cmdlet.SpeechConfig);
            if (cmdlet.Voice != null)
            {
                var speech = config().SpeechConfig ??= new SpeechConfig();
                if (speech.MultiSpeakerVoiceConfig != null)
                    throw new InvalidInputException(PowerShellErrorCodes.InvalidSpeechConfig,
                        "-Voice sets one voice, but -SpeechConfig already names several speakers.", cmdlet.Voice,
                        "Give each speaker's voice inside -SpeechConfig, or drop the speakers and use -Voice alone.");
                speech.VoiceConfig = VoiceConfig.Prebuilt(cmdlet.Voice);
            }
            if (cmdlet.ThinkingLevel != null)
            {
                if (cmdlet.ThinkingBudget.HasValue)
                    throw new InvalidInputException(PowerShellErrorCodes.ThinkingLevelAndBudget,
                        "-ThinkingLevel and -ThinkingBudget cannot be used together: the service accepts only one of them.", cmdlet.ThinkingLevel,
                        "Use -ThinkingLevel on Gemini 3 models and -ThinkingBudget on Gemini 2.5 models.");
                (config().ThinkingConfig ??= new ThinkingConfig()).ThinkingLevel = cmdlet.ThinkingLevel.ToUpperInvariant();
            }
            if (cmdlet.MediaResolution != null) config().MediaResolution = ResolutionName(cmdlet.MediaResolution);
        }

        /// <summary>"High" → MEDIA_RESOLUTION_HIGH; "UltraHigh" → MEDIA_RESOLUTION_ULTRA_HIGH.</summary>
        public static string ResolutionName(string value)
        {
            string upper = value.Trim().ToUpperInvariant();
            if (upper == "ULTRAHIGH") upper = "ULTRA_HIGH";
            return upper.StartsWith("MEDIA_RESOLUTION_", StringComparison.Ordinal) ? upper : "MEDIA_RESOLUTION_" + upper;
        }

        /// <summary>A speechConfig from a SpeechConfig, a voice name, a hashtable or JSON text (any field-name case).</summary>
        public static SpeechConfig ConvertSpeechConfig(object value)
        {
            var normalized = PlainValues.Of(value);
            if (normalized is SpeechConfig speech) return speech;
            if (normalized is string text && !text.TrimStart().StartsWith("{", StringComparison.Ordinal)) return Core.Protocol.SpeechConfig.ForVoice(text.Trim());
            if (!(normalized is string) && !(normalized is IDictionary))
                throw new InvalidInputException(PowerShellErrorCodes.InvalidSpeechConfig, $"A speech config cannot be made from a value of type '{normalized?.GetType().Name}'.", value,
                    "Pass a voice name, or @{ multiSpeakerVoiceConfig = @{ speakerVoiceConfigs = @(@{ speaker = 'Joe'; voiceConfig = @{ prebuiltVoiceConfig = @{ voiceName = 'Kore' } } }) } }.");
            var converted = new GenerationConfigConverter().Convert(new Hashtable { ["speechConfig"] = normalized });
            return converted.SpeechConfig!;
        }
    }
}
