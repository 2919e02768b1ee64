using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Errors;
using GenAI.Transport.Grpc.Mapping;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace GenAI.Transport.Grpc.Tests.Mapping
{
    /// <summary>The protobuf ↔ core mapping layer on its own: round trips, presence, extras, enums.</summary>
    public sealed class MappingTests
    {
        private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

        // Property order of AdditionalProperties is not meaningful (proto field order vs input order): compare with sorted keys.
        private static string Serialize(C.GenerateContentRequest request) =>
            Canonical(System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(request, C.GenAIJsonContext.Default.GenerateContentRequest))).ToJsonString();

        private static System.Text.Json.Nodes.JsonNode Canonical(System.Text.Json.Nodes.JsonNode node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, p.Value == null ? null : Canonical(p.Value))).ToList()),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(i => i == null ? null : Canonical(i)).ToArray()),
            _ => node.DeepClone(),
        };

        private static C.GenerateContentRequest RichRequest() => JsonSerializer.Deserialize(@"{
            ""model"": ""models/gemini-2.0-flash"",
            ""contents"": [
              {""role"": ""user"", ""parts"": [
                {""text"": ""Describe this""},
                {""inlineData"": {""mimeType"": ""image/png"", ""data"": ""iVBORw0KGgo=""}},
                {""fileData"": {""mimeType"": ""application/pdf"", ""fileUri"": ""https://example.invalid/files/abc""}, ""videoMetadata"": {""startOffset"": ""1.500s"", ""endOffset"": ""10s""}}]},
              {""role"": ""model"", ""parts"": [
                {""functionCall"": {""id"": ""call-1"", ""name"": ""lookup"", ""args"": {""city"": ""Paris"", ""days"": 3, ""ratio"": 1.5, ""metric"": true, ""tags"": [""a"", null, {""x"": 1}]}}, ""thoughtSignature"": ""c2lnbmF0dXJl""},
                {""executableCode"": {""language"": ""PYTHON"", ""code"": ""print(1)""}},
                {""codeExecutionResult"": {""outcome"": ""OUTCOME_OK"", ""output"": ""1""}},
                {""text"": ""thinking..."", ""thought"": true}]},
              {""role"": ""user"", ""parts"": [{""functionResponse"": {""id"": ""call-1"", ""name"": ""lookup"", ""response"": {""output"": {""temp"": 21}}}}]}
            ],
            ""systemInstruction"": {""parts"": [{""text"": ""Be brief.""}]},
            ""tools"": [
              {""functionDeclarations"": [{""name"": ""lookup"", ""description"": ""Find weather"",
                 ""parameters"": {""type"": ""OBJECT"", ""properties"": {""city"": {""type"": ""STRING"", ""description"": ""City""}, ""days"": {""type"": ""INTEGER""}}, ""required"": [""city""]}}]},
              {""codeExecution"": {}},
              {""googleSearch"": {}}
            ],
            ""toolConfig"": {""functionCallingConfig"": {""mode"": ""ANY"", ""allowedFunctionNames"": [""lookup""]}},
            ""safetySettings"": [{""category"": ""HARM_CATEGORY_DANGEROUS_CONTENT"", ""threshold"": ""BLOCK_NONE""}],
            ""generationConfig"": {""candidateCount"": 1, ""stopSequences"": [""END""], ""maxOutputTokens"": 256, ""temperature"": 0.7, ""topP"": 0.95, ""topK"": 40,
              ""seed"": 7, ""responseMimeType"": ""application/json"", ""responseSchema"": {""type"": ""ARRAY"", ""items"": {""type"": ""STRING""}},
              ""presencePenalty"": 0.5, ""frequencyPenalty"": -0.25, ""responseLogprobs"": true, ""logprobs"": 3, ""responseModalities"": [""TEXT""],
              ""thinkingConfig"": {""includeThoughts"": true, ""thinkingBudget"": 1024},
              ""mediaResolution"": ""MEDIA_RESOLUTION_LOW"", ""speechConfig"": {""voiceConfig"": {""prebuiltVoiceConfig"": {""voiceName"": ""Kore""}}}},
            ""cachedContent"": ""cachedContents/abc""
        }", C.GenAIJsonContext.Default.GenerateContentRequest);

        [Fact]
        public void Request_RoundTripsThroughProto_Unchanged()
        {
            var request = RichRequest();
            var proto = GenerateMapper.ToProto("models/gemini-2.0-flash", request);
            var back = GenerateMapper.ToCore(proto);
            Assert.Equal(Serialize(request), Serialize(back));
        }

        [Fact]
        public void Request_FileBackedInlineData_IsSentAsItsBytes()
        {
            var path = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllBytes(path, new byte[] { 1, 2, 3, 250 });
                var request = new C.GenerateContentRequest
                {
                    Contents = { new C.Content("user", new[] { new C.Part { InlineData = new C.Blob(new C.FileBlobSource(path, 4), "image/png") } }) },
                };
                var proto = GenerateMapper.ToProto("models/gemini-2.0-flash", request);
                Assert.Equal(new byte[] { 1, 2, 3, 250 }, proto.Contents[0].Parts[0].InlineData.Data.ToByteArray());
                Assert.Equal("image/png", proto.Contents[0].Parts[0].InlineData.MimeType);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void Request_TypedAndExtraFields_LandInTheRightProtoFields()
        {
            var proto = GenerateMapper.ToProto("models/gemini-2.0-flash", RichRequest());

            Assert.Equal(P.Part.DataOneofCase.InlineData, proto.Contents[0].Parts[1].DataCase);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, proto.Contents[0].Parts[1].InlineData.Data.ToByteArray());
            Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(1.5)), proto.Contents[0].Parts[2].VideoMetadata.StartOffset);
            var args = proto.Contents[1].Parts[0].FunctionCall.Args;
            Assert.Equal(3, args.Fields["days"].NumberValue);
            Assert.True(args.Fields["metric"].BoolValue);
            Assert.Equal(Value.KindOneofCase.NullValue, args.Fields["tags"].ListValue.Values[1].KindCase);
            Assert.Equal("signature", proto.Contents[1].Parts[0].ThoughtSignature.ToStringUtf8());
            Assert.True(proto.Contents[1].Parts[3].Thought);
            Assert.Equal(P.Type.Object, proto.Tools[0].FunctionDeclarations[0].Parameters.Type);
            Assert.Equal(P.Type.String, proto.Tools[0].FunctionDeclarations[0].Parameters.Properties["city"].Type);
            Assert.NotNull(proto.Tools[1].CodeExecution);
            Assert.NotNull(proto.Tools[2].GoogleSearch);
            Assert.Equal(P.FunctionCallingConfig.Types.Mode.Any, proto.ToolConfig.FunctionCallingConfig.Mode);
            var config = proto.GenerationConfig;
            Assert.Equal(0.7f, config.Temperature);
            Assert.Equal(-0.25f, config.FrequencyPenalty);
            Assert.Equal(P.GenerationConfig.Types.MediaResolution.Low, config.MediaResolution);     // from AdditionalProperties
            Assert.Equal("Kore", config.SpeechConfig.VoiceConfig.PrebuiltVoiceConfig.VoiceName);   // from AdditionalProperties
            Assert.Equal(P.Type.Array, config.ResponseSchema.Type);
            Assert.Equal(1024, config.ThinkingConfig.ThinkingBudget);
            Assert.Equal("cachedContents/abc", proto.CachedContent);
        }

        [Fact]
        public void Request_ExplicitZeroes_AreSent_AndUnsetFieldsAreNot()
        {
            var request = new C.GenerateContentRequest
            {
                Contents = { C.Content.FromText("x") },
                GenerationConfig = new C.GenerationConfig { Temperature = 0, CandidateCount = 0 },
            };
            var config = GenerateMapper.ToProto("models/m", request).GenerationConfig;
            Assert.True(config.HasTemperature);
            Assert.True(config.HasCandidateCount);
            Assert.False(config.HasTopP);
            Assert.False(config.HasSeed);
            Assert.Null(config.ThinkingConfig);
        }

        [Fact]
        public void Schema_LowerCaseTypes_AreUpperCasedAtEveryLevel()
        {
            var schema = ProtoJson.ToSchema(Json(@"{""type"": ""object"", ""properties"": {""list"": {""type"": ""array"", ""items"": {""type"": ""integer""}},
                ""either"": {""anyOf"": [{""type"": ""string""}, {""type"": ""number""}]}}, ""propertyOrdering"": [""list"", ""either""]}"), "schema");

            Assert.Equal(P.Type.Object, schema.Type);
            Assert.Equal(P.Type.Array, schema.Properties["list"].Type);
            Assert.Equal(P.Type.Integer, schema.Properties["list"].Items.Type);
            Assert.Equal(new[] { P.Type.String, P.Type.Number }, schema.Properties["either"].AnyOf.Select(s => s.Type));
            Assert.Equal(new[] { "list", "either" }, schema.PropertyOrdering);
        }

        private static P.GenerateContentResponse RichResponse() => new P.GenerateContentResponse
        {
            Candidates =
            {
                new P.Candidate
                {
                    Index = 0,
                    Content = new P.Content { Role = "model", Parts = { new P.Part { Text = "Hi" }, new P.Part { FunctionCall = new P.FunctionCall { Name = "f", Args = Struct.Parser.ParseJson(@"{""a"": [1, ""b"", false]}") } } } },
                    FinishReason = P.Candidate.Types.FinishReason.MaxTokens,
                    FinishMessage = "cut",
                    SafetyRatings = { new P.SafetyRating { Category = P.HarmCategory.DangerousContent, Probability = P.SafetyRating.Types.HarmProbability.Low, Blocked = true } },
                    CitationMetadata = new P.CitationMetadata { CitationSources = { new P.CitationSource { StartIndex = 0, EndIndex = 10, Uri = "https://example.invalid/a" } } },
                    TokenCount = 5,
                    AvgLogprobs = -0.25,
                    LogprobsResult = new P.LogprobsResult { LogProbabilitySum = -1.5f, ChosenCandidates = { new P.LogprobsResult.Types.Candidate { Token = "Hi", TokenId = 42, LogProbability = -0.5f } } },
                    UrlContextMetadata = new P.UrlContextMetadata { UrlMetadata = { new P.UrlMetadata { RetrievedUrl = "https://example.invalid", UrlRetrievalStatus = P.UrlMetadata.Types.UrlRetrievalStatus.Success } } },
                    GroundingMetadata = new P.GroundingMetadata
                    {
                        WebSearchQueries = { "weather paris" },
                        GroundingChunks = { new P.GroundingChunk { Web = new P.GroundingChunk.Types.Web { Uri = "https://example.invalid/w", Title = "W" } } },
                        GroundingSupports = { new P.GroundingSupport { Segment = new P.Segment { StartIndex = 1, EndIndex = 4, Text = "abc" }, GroundingChunkIndices = { 0 }, ConfidenceScores = { 0.5f } } },
                        SearchEntryPoint = new P.SearchEntryPoint { RenderedContent = "<div/>" },
                    },
                },
            },
            PromptFeedback = new P.GenerateContentResponse.Types.PromptFeedback { SafetyRatings = { new P.SafetyRating { Category = P.HarmCategory.Harassment, Probability = P.SafetyRating.Types.HarmProbability.Negligible } } },
            UsageMetadata = new P.GenerateContentResponse.Types.UsageMetadata
            {
                PromptTokenCount = 10, CandidatesTokenCount = 5, TotalTokenCount = 15, ThoughtsTokenCount = 2,
                PromptTokensDetails = { new P.ModalityTokenCount { Modality = P.Modality.Text, TokenCount = 10 } },
            },
            ModelVersion = "gemini-x",
            ResponseId = "r1",
        };

        [Fact]
        public void Response_RoundTripsThroughCore_Unchanged()
        {
            var proto = RichResponse();
            var back = GenerateMapper.ToProto(GenerateMapper.ToCore(proto));
            Assert.Equal(proto, back);
        }

        [Fact]
        public void Response_FieldsLandInTheSameCoreProperties_AsOnRest()
        {
            var core = GenerateMapper.ToCore(RichResponse());
            var candidate = core.Candidates[0];

            Assert.Equal("MAX_TOKENS", candidate.FinishReason);
            Assert.Equal(-0.25, candidate.AvgLogprobs);
            Assert.Equal(42, candidate.LogprobsResult.Value.GetProperty("chosenCandidates")[0].GetProperty("tokenId").GetInt32());
            Assert.Equal("URL_RETRIEVAL_STATUS_SUCCESS", candidate.UrlContextMetadata.Value.GetProperty("urlMetadata")[0].GetProperty("urlRetrievalStatus").GetString());
            Assert.Null(candidate.AdditionalProperties);
            Assert.Equal("weather paris", candidate.GroundingMetadata.WebSearchQueries.Single());
            Assert.Equal("https://example.invalid/w", candidate.GroundingMetadata.GroundingChunks[0].GetProperty("web").GetProperty("uri").GetString());
            Assert.Equal("TEXT", core.UsageMetadata.PromptTokensDetails[0].Modality);
            Assert.Equal(10, core.UsageMetadata.PromptTokensDetails[0].TokenCount);
            Assert.Null(core.UsageMetadata.AdditionalProperties);
            Assert.Null(core.PromptFeedback.BlockReason);
            Assert.Null(core.UsageMetadata.CachedContentTokenCount);
            Assert.Equal(@"{""a"":[1,""b"",false]}", candidate.Content.Parts[1].FunctionCall.Args.Value.GetRawText());
        }

        [Fact]
        public void Response_UnsetOptionalIndex_IsNull_ButExplicitZeroIsKept()
        {
            var withoutIndex = GenerateMapper.ToCore(new P.GenerateContentResponse { Candidates = { new P.Candidate { Content = new P.Content() } } });
            var withZero = GenerateMapper.ToCore(new P.GenerateContentResponse { Candidates = { new P.Candidate { Index = 0 } } });
            Assert.Null(withoutIndex.Candidates[0].Index);
            Assert.Equal(0, withZero.Candidates[0].Index);
        }

        [Theory]
        [InlineData(99, "99")]
        [InlineData(1, "STOP")]
        [InlineData(17, "IMAGE_RECITATION")]
        public void FinishReason_KnownNamesAndUnknownNumbers_RoundTrip(int number, string name)
        {
            Assert.Equal(name, ProtoEnum<P.Candidate.Types.FinishReason>.Name((P.Candidate.Types.FinishReason)number));
            Assert.Equal(number, (int)ProtoEnum<P.Candidate.Types.FinishReason>.Parse(name, "finish_reason"));
        }

        [Fact]
        public void Enum_UnknownName_IsAnInvalidArgument()
        {
            var error = Assert.Throws<InvalidInputException>(() => ProtoEnum<P.HarmCategory>.Parse("HARM_CATEGORY_NEW", "safety_settings.category"));
            Assert.Equal("InvalidArgument", error.ErrorCode);
            Assert.Contains("safety_settings.category", error.Message);
        }

        [Fact]
        public void FunctionArgs_MustBeAnObject()
        {
            var call = new C.FunctionCall { Name = "f", Args = Json("[1,2]") };
            Assert.Equal("InvalidArgument", Assert.Throws<InvalidInputException>(() => ContentMapper.ToProto(call)).ErrorCode);
        }

        [Fact]
        public void CachedContent_TimesAndTtl_RoundTrip()
        {
            var cache = new C.CachedContent
            {
                Name = "cachedContents/abc", DisplayName = "d", Model = "models/m", Ttl = "300s",
                CreateTime = "2026-01-02T03:04:05.123Z", UsageMetadata = new C.CachedContentUsage { TotalTokenCount = 12 },
                Contents = new List<C.Content> { C.Content.FromText("cached") },
            };
            var proto = ResourceMapper.ToProto(cache);
            Assert.Equal(300, proto.Ttl.Seconds);
            Assert.Equal(P.CachedContent.ExpirationOneofCase.Ttl, proto.ExpirationCase);
            var back = ResourceMapper.ToCore(proto);
            Assert.Equal(JsonSerializer.Serialize(cache, C.GenAIJsonContext.Default.CachedContent), JsonSerializer.Serialize(back, C.GenAIJsonContext.Default.CachedContent));
        }

        [Fact]
        public void UpdateMask_RestNames_BecomeProtoPaths()
        {
            Assert.Equal(new[] { "ttl", "expire_time" }, ResourceMapper.ToFieldMask("ttl,expireTime").Paths);
        }

        [Fact]
        public void File_MapsLikeRestJson_IncludingUnknownState_AndError()
        {
            var file = new P.File
            {
                Name = "files/abc", MimeType = "text/plain", SizeBytes = 10, Sha256Hash = ByteString.CopyFromUtf8("hash"),
                State = (P.File.Types.State)7, Source = P.File.Types.Source.Uploaded, DownloadUri = "https://example.invalid/d",
                CreateTime = Timestamp.FromDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
                Error = new Google.Rpc.Status { Code = 3, Message = "bad", Details = { Any.Pack(new Google.Rpc.ErrorInfo { Reason = "R" }) } },
            };
            var core = ResourceMapper.ToCore(file);

            Assert.Equal(10, core.SizeBytes);
            Assert.Equal("aGFzaA==", core.Sha256Hash);
            Assert.Equal("7", core.State);
            Assert.Equal("UPLOADED", core.Source);
            Assert.Equal("2026-01-02T03:04:05Z", core.CreateTime);
            Assert.Equal("https://example.invalid/d", core.AdditionalProperties["downloadUri"].GetString());
            Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", core.Error.Details[0].GetProperty("@type").GetString());
            Assert.Equal(file, ResourceMapper.ToProto(core));
        }

        [Fact]
        public void Model_FloatDefaults_ReadAsTheirDecimalValue()
        {
            var model = ResourceMapper.ToCore(new P.Model { Name = "models/m", Temperature = 0.7f, TopP = 0.95f, TopK = 40, MaxTemperature = 2 });
            Assert.Equal(0.7, model.Temperature);
            Assert.Equal(0.95, model.TopP);
            Assert.Equal(40, model.TopK);
            Assert.Null(model.InputTokenLimit);
        }
    }
}
