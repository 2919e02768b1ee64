using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Transport.Grpc.Mapping;

namespace GenAI.Transport.Grpc.Tests.Mapping
{
    /// <summary>The Gemini 3 and media-output fields: carried where the public v1beta protos define them, refused where not.</summary>
    public sealed class Gemini3MappingTests
    {
        private static C.GenerateContentRequest Request(string json) =>
            JsonSerializer.Deserialize(json, C.GenAIJsonContext.Default.GenerateContentRequest)!;

        [Fact]
        public void Speech_image_media_resolution_and_function_response_parts_use_their_proto_fields_and_round_trip()
        {
            var request = Request(@"{""contents"": [
                {""role"": ""user"", ""parts"": [{""functionResponse"": {""name"": ""chart"", ""response"": {""ok"": true},
                    ""parts"": [{""inlineData"": {""mimeType"": ""image/png"", ""data"": ""iVBORw0KGgo=""}}]}}]}],
              ""generationConfig"": {""responseModalities"": [""TEXT"", ""IMAGE""], ""mediaResolution"": ""MEDIA_RESOLUTION_HIGH"",
                ""imageConfig"": {""aspectRatio"": ""16:9""},
                ""speechConfig"": {""languageCode"": ""en-US"", ""multiSpeakerVoiceConfig"": {""speakerVoiceConfigs"": [
                  {""speaker"": ""Joe"", ""voiceConfig"": {""prebuiltVoiceConfig"": {""voiceName"": ""Kore""}}},
                  {""speaker"": ""Jane"", ""voiceConfig"": {""prebuiltVoiceConfig"": {""voiceName"": ""Puck""}}}]}}}}");

            var proto = GenerateMapper.ToProto("models/gemini-3-pro-image-preview", request);

            Assert.Equal(P.GenerationConfig.Types.MediaResolution.High, proto.GenerationConfig.MediaResolution);
            Assert.Equal("16:9", proto.GenerationConfig.ImageConfig.AspectRatio);
            Assert.Equal("en-US", proto.GenerationConfig.SpeechConfig.LanguageCode);
            Assert.Equal(new[] { "Joe", "Jane" }, proto.GenerationConfig.SpeechConfig.MultiSpeakerVoiceConfig.SpeakerVoiceConfigs.Select(s => s.Speaker));
            Assert.Equal("Puck", proto.GenerationConfig.SpeechConfig.MultiSpeakerVoiceConfig.SpeakerVoiceConfigs[1].VoiceConfig.PrebuiltVoiceConfig.VoiceName);
            var blob = proto.Contents[0].Parts[0].FunctionResponse.Parts[0].InlineData;
            Assert.Equal("image/png", blob.MimeType);
            Assert.Equal("iVBORw0KGgo=", blob.Data.ToBase64());

            var back = GenerateMapper.ToCore(proto);
            Assert.Equal("MEDIA_RESOLUTION_HIGH", back.GenerationConfig!.MediaResolution);
            Assert.Equal("16:9", back.GenerationConfig.ImageConfig!.AspectRatio);
            Assert.Equal("Kore", back.GenerationConfig.SpeechConfig!.MultiSpeakerVoiceConfig!.SpeakerVoiceConfigs![0].VoiceConfig!.PrebuiltVoiceConfig!.VoiceName);
            Assert.Equal("iVBORw0KGgo=", back.Contents![0].Parts[0].FunctionResponse!.Parts![0].InlineData!.Data);
            Assert.Null(back.GenerationConfig.AdditionalProperties);
        }

        [Fact]
        public void Thought_signatures_travel_as_bytes_and_come_back_unchanged()
        {
            const string signature = "Cvv/RzObXipJUG2Z4y7fyi3Ezij1q7oanbtFOq0tmCVhOY2X4Q==";
            var request = Request(@"{""contents"": [{""role"": ""model"", ""parts"": [{""functionCall"": {""name"": ""f""}, ""thoughtSignature"": """ + signature + @"""}]}]}");
            var proto = GenerateMapper.ToProto("models/gemini-3-flash-preview", request);
            Assert.Equal(System.Convert.FromBase64String(signature), proto.Contents[0].Parts[0].ThoughtSignature.ToByteArray());
            Assert.Equal(signature, GenerateMapper.ToCore(proto).Contents![0].Parts[0].ThoughtSignature);
        }

        [Theory]
        [InlineData(@"{""contents"": [], ""generationConfig"": {""thinkingConfig"": {""thinkingLevel"": ""LOW""}}}", "generationConfig.thinkingConfig.thinkingLevel")]
        [InlineData(@"{""contents"": [], ""generationConfig"": {""imageConfig"": {""aspectRatio"": ""1:1"", ""imageSize"": ""2K""}}}", "generationConfig.imageConfig.imageSize")]
        [InlineData(@"{""contents"": [{""parts"": [{""inlineData"": {""mimeType"": ""image/png"", ""data"": ""AA==""}, ""mediaResolution"": {""level"": ""MEDIA_RESOLUTION_HIGH""}}]}]}", "mediaResolution")]
        public void A_field_the_public_protos_lack_is_refused_naming_it(string json, string field)
        {
            var error = Assert.Throws<InvalidInputException>(() => GenerateMapper.ToProto("models/gemini-3-pro-preview", Request(json)));
            Assert.Equal(ErrorCodes.FieldNotSupportedOverGrpc, error.ErrorCode);
            Assert.Contains(field, error.Message);
            Assert.Contains("REST", error.RecommendedAction);
        }
    }
}
