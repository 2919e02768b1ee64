using System.Linq;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>
    /// Speech and image settings and multimodal function results, both ways (generationConfig.speech_config #21,
    /// image_config #27, FunctionResponse.parts #8 in the public v1beta protos).
    /// </summary>
    internal static class MediaMapper
    {
        private static readonly ExtraFields s_speechHandled = ExtraFields.Except(P.SpeechConfig.Descriptor, 1, 2, 3);
        private static readonly ExtraFields s_imageHandled = ExtraFields.Except(P.ImageConfig.Descriptor, 1);

        public static P.SpeechConfig ToProto(C.SpeechConfig config)
        {
            var result = new P.SpeechConfig { LanguageCode = config.LanguageCode ?? "" };
            if (config.VoiceConfig != null) result.VoiceConfig = ToProto(config.VoiceConfig);
            if (config.MultiSpeakerVoiceConfig != null)
            {
                result.MultiSpeakerVoiceConfig = new P.MultiSpeakerVoiceConfig();
                foreach (var speaker in config.MultiSpeakerVoiceConfig.SpeakerVoiceConfigs ?? new System.Collections.Generic.List<C.SpeakerVoiceConfig>())
                {
                    var item = new P.SpeakerVoiceConfig { Speaker = speaker.Speaker ?? "" };
                    if (speaker.VoiceConfig != null) item.VoiceConfig = ToProto(speaker.VoiceConfig);
                    ProtoJson.MergeExtras(item, speaker.AdditionalProperties);
                    result.MultiSpeakerVoiceConfig.SpeakerVoiceConfigs.Add(item);
                }
                ProtoJson.MergeExtras(result.MultiSpeakerVoiceConfig, config.MultiSpeakerVoiceConfig.AdditionalProperties);
            }
            ProtoJson.MergeExtras(result, config.AdditionalProperties);
            return result;
        }

        private static P.VoiceConfig ToProto(C.VoiceConfig voice)
        {
            var result = new P.VoiceConfig();
            if (voice.PrebuiltVoiceConfig != null)
            {
                result.PrebuiltVoiceConfig = new P.PrebuiltVoiceConfig { VoiceName = voice.PrebuiltVoiceConfig.VoiceName ?? "" };
                ProtoJson.MergeExtras(result.PrebuiltVoiceConfig, voice.PrebuiltVoiceConfig.AdditionalProperties);
            }
            ProtoJson.MergeExtras(result, voice.AdditionalProperties);
            return result;
        }

        public static P.ImageConfig ToProto(C.ImageConfig config)
        {
            if (config.ImageSize != null) throw GrpcUnsupportedFields.Error("generationConfig.imageConfig.imageSize");
            var result = new P.ImageConfig();
            if (config.AspectRatio != null) result.AspectRatio = config.AspectRatio;
            ProtoJson.MergeExtras(result, config.AdditionalProperties);
            return result;
        }

        public static C.SpeechConfig ToCore(P.SpeechConfig config) => new C.SpeechConfig
        {
            VoiceConfig = config.VoiceConfig == null ? null : ToCore(config.VoiceConfig),
            MultiSpeakerVoiceConfig = config.MultiSpeakerVoiceConfig == null ? null : new C.MultiSpeakerVoiceConfig
            {
                SpeakerVoiceConfigs = config.MultiSpeakerVoiceConfig.SpeakerVoiceConfigs.Select(s => new C.SpeakerVoiceConfig
                {
                    Speaker = ContentMapper.NullIfEmpty(s.Speaker),
                    VoiceConfig = s.VoiceConfig == null ? null : ToCore(s.VoiceConfig),
                }).ToList(),
            },
            LanguageCode = ContentMapper.NullIfEmpty(config.LanguageCode),
            AdditionalProperties = s_speechHandled.Of(config),
        };

        private static C.VoiceConfig ToCore(P.VoiceConfig voice) => new C.VoiceConfig
        {
            PrebuiltVoiceConfig = voice.PrebuiltVoiceConfig == null ? null : new C.PrebuiltVoiceConfig { VoiceName = ContentMapper.NullIfEmpty(voice.PrebuiltVoiceConfig.VoiceName) },
        };

        public static C.ImageConfig ToCore(P.ImageConfig config) => new C.ImageConfig
        {
            AspectRatio = config.HasAspectRatio ? config.AspectRatio : null,
            AdditionalProperties = s_imageHandled.Of(config),
        };

        public static void AddParts(Google.Protobuf.Collections.RepeatedField<P.FunctionResponsePart> target, System.Collections.Generic.List<C.FunctionResponsePart>? parts)
        {
            if (parts == null) return;
            foreach (var part in parts)
            {
                var item = new P.FunctionResponsePart();
                if (part.InlineData != null)
                    item.InlineData = new P.FunctionResponseBlob { MimeType = part.InlineData.MimeType ?? "", Data = ProtoJson.FromBase64(part.InlineData.Data, "function_response.parts.inline_data.data") };
                ProtoJson.MergeExtras(item, part.AdditionalProperties);
                target.Add(item);
            }
        }

        public static System.Collections.Generic.List<C.FunctionResponsePart>? ToCore(Google.Protobuf.Collections.RepeatedField<P.FunctionResponsePart> parts) =>
            parts.Count == 0 ? null : parts.Select(p => new C.FunctionResponsePart
            {
                InlineData = p.InlineData == null ? null : new C.Blob { MimeType = p.InlineData.MimeType, Data = p.InlineData.Data.ToBase64() },
            }).ToList();
    }
}
