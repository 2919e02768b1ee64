using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GenAI.Core.Protocol;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>GenerativeService messages (generate, stream, count tokens), both ways.</summary>
    internal static class GenerateMapper
    {
        private static readonly ExtraFields s_requestHandled = ExtraFields.Except(P.GenerateContentRequest.Descriptor, 1, 2, 3, 4, 5, 7, 8, 9);
        private static readonly ExtraFields s_configHandled = ExtraFields.Except(P.GenerationConfig.Descriptor, 1, 2, 4, 5, 6, 7, 8, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 27, 28);
        private static readonly ExtraFields s_thinkingHandled = ExtraFields.Except(P.ThinkingConfig.Descriptor, 1, 2);
        private static readonly ExtraFields s_safetySettingHandled = ExtraFields.Except(P.SafetySetting.Descriptor, 3, 4);
        private static readonly ExtraFields s_toolHandled = ExtraFields.Except(P.Tool.Descriptor, 1, 2, 3, 4, 8);
        private static readonly ExtraFields s_declarationHandled = ExtraFields.Except(P.FunctionDeclaration.Descriptor, 1, 2, 3, 4, 6);
        private static readonly ExtraFields s_toolConfigHandled = ExtraFields.Except(P.ToolConfig.Descriptor, 1);
        private static readonly ExtraFields s_callingConfigHandled = ExtraFields.Except(P.FunctionCallingConfig.Descriptor, 1, 2);
        private static readonly ExtraFields s_responseHandled = ExtraFields.Except(P.GenerateContentResponse.Descriptor, 1, 2, 3, 4, 5);
        private static readonly ExtraFields s_candidateHandled = ExtraFields.Except(P.Candidate.Descriptor, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13);
        private static readonly ExtraFields s_feedbackHandled = ExtraFields.Except(P.GenerateContentResponse.Types.PromptFeedback.Descriptor, 1, 2);
        private static readonly ExtraFields s_ratingHandled = ExtraFields.Except(P.SafetyRating.Descriptor, 3, 4, 5);
        private static readonly ExtraFields s_usageHandled = ExtraFields.Except(P.GenerateContentResponse.Types.UsageMetadata.Descriptor, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        private static readonly ExtraFields s_citationHandled = ExtraFields.Except(P.CitationMetadata.Descriptor, 1);
        private static readonly ExtraFields s_sourceHandled = ExtraFields.Except(P.CitationSource.Descriptor, 1, 2, 3, 4);
        private static readonly ExtraFields s_countResponseHandled = ExtraFields.Except(P.CountTokensResponse.Descriptor, 1, 5, 6, 7);
        private static readonly ExtraFields s_modalityHandled = ExtraFields.Except(P.ModalityTokenCount.Descriptor, 1, 2);

        // ================= requests: core → proto =================

        public static P.GenerateContentRequest ToProto(string model, C.GenerateContentRequest request)
        {
            var result = new P.GenerateContentRequest { Model = model };
            ContentMapper.AddAll(result.Contents, request.Contents);
            if (request.SystemInstruction != null) result.SystemInstruction = ContentMapper.ToProto(request.SystemInstruction);
            if (request.Tools != null) foreach (var tool in request.Tools) result.Tools.Add(ToProto(tool));
            if (request.ToolConfig != null) result.ToolConfig = ToProto(request.ToolConfig);
            if (request.SafetySettings != null) foreach (var setting in request.SafetySettings) result.SafetySettings.Add(ToProto(setting));
            if (request.GenerationConfig != null) result.GenerationConfig = ToProto(request.GenerationConfig);
            if (request.CachedContent != null) result.CachedContent = request.CachedContent;
            ProtoJson.MergeExtras(result, request.AdditionalProperties);
            return result;
        }

        public static P.CountTokensRequest ToProto(string model, C.CountTokensRequest request)
        {
            var result = new P.CountTokensRequest { Model = model };
            ContentMapper.AddAll(result.Contents, request.Contents);
            if (request.GenerateContentRequest != null)
                result.GenerateContentRequest = ToProto(request.GenerateContentRequest.Model ?? model, request.GenerateContentRequest);
            ProtoJson.MergeExtras(result, request.AdditionalProperties);
            return result;
        }

        public static P.GenerationConfig ToProto(C.GenerationConfig config)
        {
            var result = new P.GenerationConfig();
            if (config.CandidateCount.HasValue) result.CandidateCount = config.CandidateCount.Value;
            if (config.StopSequences != null) result.StopSequences.AddRange(config.StopSequences);
            if (config.MaxOutputTokens.HasValue) result.MaxOutputTokens = config.MaxOutputTokens.Value;
            if (config.Temperature.HasValue) result.Temperature = (float)config.Temperature.Value;
            if (config.TopP.HasValue) result.TopP = (float)config.TopP.Value;
            if (config.TopK.HasValue) result.TopK = config.TopK.Value;
            if (config.Seed.HasValue) result.Seed = config.Seed.Value;
            if (config.ResponseMimeType != null) result.ResponseMimeType = config.ResponseMimeType;
            if (IsSet(config.ResponseSchema)) result.ResponseSchema = ProtoJson.ToSchema(config.ResponseSchema!.Value, "generation_config.response_schema");
            if (IsSet(config.ResponseJsonSchema)) result.ResponseJsonSchemaOrdered = ProtoJson.ToValue(config.ResponseJsonSchema!.Value);
            if (config.PresencePenalty.HasValue) result.PresencePenalty = (float)config.PresencePenalty.Value;
            if (config.FrequencyPenalty.HasValue) result.FrequencyPenalty = (float)config.FrequencyPenalty.Value;
            if (config.ResponseLogprobs.HasValue) result.ResponseLogprobs = config.ResponseLogprobs.Value;
            if (config.Logprobs.HasValue) result.Logprobs = config.Logprobs.Value;
            if (config.ResponseModalities != null)
                foreach (var modality in config.ResponseModalities)
                    result.ResponseModalities.Add(ProtoEnum<P.GenerationConfig.Types.Modality>.Parse(modality, "generation_config.response_modalities"));
            if (config.ThinkingConfig != null)
            {
                result.ThinkingConfig = new P.ThinkingConfig();
                if (config.ThinkingConfig.IncludeThoughts.HasValue) result.ThinkingConfig.IncludeThoughts = config.ThinkingConfig.IncludeThoughts.Value;
                if (config.ThinkingConfig.ThinkingBudget.HasValue) result.ThinkingConfig.ThinkingBudget = config.ThinkingConfig.ThinkingBudget.Value;
                if (config.ThinkingConfig.ThinkingLevel != null) throw GrpcUnsupportedFields.Error("generationConfig.thinkingConfig.thinkingLevel");
                ProtoJson.MergeExtras(result.ThinkingConfig, config.ThinkingConfig.AdditionalProperties);
            }
            if (config.SpeechConfig != null) result.SpeechConfig = MediaMapper.ToProto(config.SpeechConfig);
            if (config.ImageConfig != null) result.ImageConfig = MediaMapper.ToProto(config.ImageConfig);
            if (config.MediaResolution != null)
                result.MediaResolution = ProtoEnum<P.GenerationConfig.Types.MediaResolution>.Parse(config.MediaResolution, "generation_config.media_resolution");
            ProtoJson.MergeExtras(result, config.AdditionalProperties);
            return result;
        }

        public static P.SafetySetting ToProto(C.SafetySetting setting)
        {
            var result = new P.SafetySetting
            {
                Category = ProtoEnum<P.HarmCategory>.Parse(setting.Category, "safety_settings.category"),
                Threshold = ProtoEnum<P.SafetySetting.Types.HarmBlockThreshold>.Parse(setting.Threshold, "safety_settings.threshold"),
            };
            ProtoJson.MergeExtras(result, setting.AdditionalProperties);
            return result;
        }

        public static P.Tool ToProto(C.Tool tool)
        {
            var result = new P.Tool();
            if (tool.FunctionDeclarations != null) foreach (var declaration in tool.FunctionDeclarations) result.FunctionDeclarations.Add(ToProto(declaration));
            if (IsSet(tool.CodeExecution)) result.CodeExecution = ProtoJson.FromElement<P.CodeExecution>(tool.CodeExecution!.Value);
            if (IsSet(tool.GoogleSearch)) result.GoogleSearch = ProtoJson.FromElement<P.Tool.Types.GoogleSearch>(tool.GoogleSearch!.Value);
            if (IsSet(tool.GoogleSearchRetrieval)) result.GoogleSearchRetrieval = ProtoJson.FromElement<P.GoogleSearchRetrieval>(tool.GoogleSearchRetrieval!.Value);
            if (IsSet(tool.UrlContext)) result.UrlContext = ProtoJson.FromElement<P.UrlContext>(tool.UrlContext!.Value);
            ProtoJson.MergeExtras(result, tool.AdditionalProperties);
            return result;
        }

        public static P.FunctionDeclaration ToProto(C.FunctionDeclaration declaration)
        {
            var result = new P.FunctionDeclaration { Name = declaration.Name ?? "", Description = declaration.Description ?? "" };
            if (IsSet(declaration.Parameters)) result.Parameters = ProtoJson.ToSchema(declaration.Parameters!.Value, "function_declarations.parameters");
            if (IsSet(declaration.ParametersJsonSchema)) result.ParametersJsonSchema = ProtoJson.ToValue(declaration.ParametersJsonSchema!.Value);
            if (IsSet(declaration.Response)) result.Response = ProtoJson.ToSchema(declaration.Response!.Value, "function_declarations.response");
            ProtoJson.MergeExtras(result, declaration.AdditionalProperties);
            return result;
        }

        public static P.ToolConfig ToProto(C.ToolConfig config)
        {
            var result = new P.ToolConfig();
            if (config.FunctionCallingConfig != null)
            {
                var calling = config.FunctionCallingConfig;
                result.FunctionCallingConfig = new P.FunctionCallingConfig
                {
                    Mode = ProtoEnum<P.FunctionCallingConfig.Types.Mode>.Parse(calling.Mode, "tool_config.function_calling_config.mode"),
                };
                if (calling.AllowedFunctionNames != null) result.FunctionCallingConfig.AllowedFunctionNames.AddRange(calling.AllowedFunctionNames);
                ProtoJson.MergeExtras(result.FunctionCallingConfig, calling.AdditionalProperties);
            }
            ProtoJson.MergeExtras(result, config.AdditionalProperties);
            return result;
        }

        // ================= requests: proto → core (the server side, tests) =================

        public static C.GenerateContentRequest ToCore(P.GenerateContentRequest request) => new C.GenerateContentRequest
        {
            Model = ContentMapper.NullIfEmpty(request.Model),
            Contents = ContentMapper.ToCore(request.Contents),
            SystemInstruction = request.SystemInstruction == null ? null : ContentMapper.ToCore(request.SystemInstruction),
            Tools = request.Tools.Count == 0 ? null : request.Tools.Select(ToCore).ToList(),
            ToolConfig = request.ToolConfig == null ? null : ToCore(request.ToolConfig),
            SafetySettings = request.SafetySettings.Count == 0 ? null : request.SafetySettings.Select(s => new C.SafetySetting
            {
                Category = ProtoEnum<P.HarmCategory>.Name(s.Category),
                Threshold = ProtoEnum<P.SafetySetting.Types.HarmBlockThreshold>.Name(s.Threshold),
                AdditionalProperties = s_safetySettingHandled.Of(s),
            }).ToList(),
            GenerationConfig = request.GenerationConfig == null ? null : ToCore(request.GenerationConfig),
            CachedContent = request.HasCachedContent ? request.CachedContent : null,
            AdditionalProperties = s_requestHandled.Of(request),
        };

        public static C.CountTokensRequest ToCore(P.CountTokensRequest request) => new C.CountTokensRequest
        {
            Contents = request.Contents.Count == 0 ? null : ContentMapper.ToCore(request.Contents),
            GenerateContentRequest = request.GenerateContentRequest == null ? null : ToCore(request.GenerateContentRequest),
        };

        public static C.GenerationConfig ToCore(P.GenerationConfig config) => new C.GenerationConfig
        {
            CandidateCount = config.HasCandidateCount ? config.CandidateCount : (int?)null,
            StopSequences = config.StopSequences.Count == 0 ? null : config.StopSequences.ToList(),
            MaxOutputTokens = config.HasMaxOutputTokens ? config.MaxOutputTokens : (int?)null,
            Temperature = config.HasTemperature ? ProtoJson.ToDouble(config.Temperature) : (double?)null,
            TopP = config.HasTopP ? ProtoJson.ToDouble(config.TopP) : (double?)null,
            TopK = config.HasTopK ? config.TopK : (int?)null,
            Seed = config.HasSeed ? config.Seed : (int?)null,
            ResponseMimeType = ContentMapper.NullIfEmpty(config.ResponseMimeType),
            ResponseSchema = config.ResponseSchema == null ? (JsonElement?)null : ProtoJson.ToElement(config.ResponseSchema),
            ResponseJsonSchema = config.ResponseJsonSchemaOrdered == null ? (JsonElement?)null : ProtoJson.ToElement(config.ResponseJsonSchemaOrdered),
            PresencePenalty = config.HasPresencePenalty ? ProtoJson.ToDouble(config.PresencePenalty) : (double?)null,
            FrequencyPenalty = config.HasFrequencyPenalty ? ProtoJson.ToDouble(config.FrequencyPenalty) : (double?)null,
            ResponseLogprobs = config.HasResponseLogprobs ? config.ResponseLogprobs : (bool?)null,
            Logprobs = config.HasLogprobs ? config.Logprobs : (int?)null,
            ResponseModalities = config.ResponseModalities.Count == 0 ? null
                : config.ResponseModalities.Select(ProtoEnum<P.GenerationConfig.Types.Modality>.Name).ToList(),
            ThinkingConfig = config.ThinkingConfig == null ? null : new C.ThinkingConfig
            {
                IncludeThoughts = config.ThinkingConfig.HasIncludeThoughts ? config.ThinkingConfig.IncludeThoughts : (bool?)null,
                ThinkingBudget = config.ThinkingConfig.HasThinkingBudget ? config.ThinkingConfig.ThinkingBudget : (int?)null,
                AdditionalProperties = s_thinkingHandled.Of(config.ThinkingConfig),
            },
            SpeechConfig = config.SpeechConfig == null ? null : MediaMapper.ToCore(config.SpeechConfig),
            ImageConfig = config.ImageConfig == null ? null : MediaMapper.ToCore(config.ImageConfig),
            MediaResolution = config.HasMediaResolution ? ProtoEnum<P.GenerationConfig.Types.MediaResolution>.NameOrNull(config.MediaResolution) : null,
            AdditionalProperties = s_configHandled.Of(config),
        };

        public static C.Tool ToCore(P.Tool tool) => new C.Tool
        {
            FunctionDeclarations = tool.FunctionDeclarations.Count == 0 ? null : tool.FunctionDeclarations.Select(d => new C.FunctionDeclaration
            {
                Name = d.Name,
                Description = ContentMapper.NullIfEmpty(d.Description),
                Parameters = d.Parameters == null ? (JsonElement?)null : ProtoJson.ToElement(d.Parameters),
                ParametersJsonSchema = d.ParametersJsonSchema == null ? (JsonElement?)null : ProtoJson.ToElement(d.ParametersJsonSchema),
                Response = d.Response == null ? (JsonElement?)null : ProtoJson.ToElement(d.Response),
                AdditionalProperties = s_declarationHandled.Of(d),
            }).ToList(),
            CodeExecution = tool.CodeExecution == null ? (JsonElement?)null : ProtoJson.ToElement(tool.CodeExecution),
            GoogleSearch = tool.GoogleSearch == null ? (JsonElement?)null : ProtoJson.ToElement(tool.GoogleSearch),
            GoogleSearchRetrieval = tool.GoogleSearchRetrieval == null ? (JsonElement?)null : ProtoJson.ToElement(tool.GoogleSearchRetrieval),
            UrlContext = tool.UrlContext == null ? (JsonElement?)null : ProtoJson.ToElement(tool.UrlContext),
            AdditionalProperties = s_toolHandled.Of(tool),
        };

        public static C.ToolConfig ToCore(P.ToolConfig config) => new C.ToolConfig
        {
            FunctionCallingConfig = config.FunctionCallingConfig == null ? null : new C.FunctionCallingConfig
            {
                Mode = ProtoEnum<P.FunctionCallingConfig.Types.Mode>.NameOrNull(config.FunctionCallingConfig.Mode),
                AllowedFunctionNames = config.FunctionCallingConfig.AllowedFunctionNames.Count == 0 ? null : config.FunctionCallingConfig.AllowedFunctionNames.ToList(),
                AdditionalProperties = s_callingConfigHandled.Of(config.FunctionCallingConfig),
            },
            AdditionalProperties = s_toolConfigHandled.Of(config),
        };

        // ================= responses: proto → core =================

        public static C.GenerateContentResponse ToCore(P.GenerateContentResponse response) => new C.GenerateContentResponse
        {
            Candidates = response.Candidates.Count == 0 ? null : response.Candidates.Select(ToCore).ToList(),
            PromptFeedback = response.PromptFeedback == null ? null : new C.PromptFeedback
            {
                BlockReason = ProtoEnum<P.GenerateContentResponse.Types.PromptFeedback.Types.BlockReason>.NameOrNull(response.PromptFeedback.BlockReason),
                SafetyRatings = ToCore(response.PromptFeedback.SafetyRatings),
                AdditionalProperties = s_feedbackHandled.Of(response.PromptFeedback),
            },
            UsageMetadata = response.UsageMetadata == null ? null : ToCore(response.UsageMetadata),
            ModelVersion = ContentMapper.NullIfEmpty(response.ModelVersion),
            ResponseId = ContentMapper.NullIfEmpty(response.ResponseId),
            AdditionalProperties = s_responseHandled.Of(response),
        };

        public static C.Candidate ToCore(P.Candidate candidate) => new C.Candidate
        {
            Content = candidate.Content == null ? null : ContentMapper.ToCore(candidate.Content),
            FinishReason = ProtoEnum<P.Candidate.Types.FinishReason>.NameOrNull(candidate.FinishReason),
            FinishMessage = candidate.HasFinishMessage ? candidate.FinishMessage : null,
            Index = candidate.HasIndex ? candidate.Index : (int?)null,
            SafetyRatings = ToCore(candidate.SafetyRatings),
            CitationMetadata = candidate.CitationMetadata == null ? null : new C.CitationMetadata
            {
                CitationSources = candidate.CitationMetadata.CitationSources.Count == 0 ? null : candidate.CitationMetadata.CitationSources.Select(s => new C.CitationSource
                {
                    StartIndex = s.HasStartIndex ? s.StartIndex : (int?)null,
                    EndIndex = s.HasEndIndex ? s.EndIndex : (int?)null,
                    Uri = s.HasUri ? s.Uri : null,
                    License = s.HasLicense ? s.License : null,
                    AdditionalProperties = s_sourceHandled.Of(s),
                }).ToList(),
                AdditionalProperties = s_citationHandled.Of(candidate.CitationMetadata),
            },
            TokenCount = candidate.TokenCount == 0 ? (int?)null : candidate.TokenCount,
            // Typed as free-form JSON in the core, as on REST.
            LogprobsResult = candidate.LogprobsResult == null ? (JsonElement?)null : ProtoJson.ToElement(candidate.LogprobsResult),
            UrlContextMetadata = candidate.UrlContextMetadata == null ? (JsonElement?)null : ProtoJson.ToElement(candidate.UrlContextMetadata),
            GroundingAttributions = candidate.GroundingAttributions.Count == 0 ? null : candidate.GroundingAttributions.Select(a => ProtoJson.ToElement(a)).ToList(),
            GroundingMetadata = candidate.GroundingMetadata == null ? null
                : JsonSerializer.Deserialize(ProtoJson.Formatter.Format(candidate.GroundingMetadata), GenAIJsonContext.Default.GroundingMetadata),
            AvgLogprobs = candidate.AvgLogprobs == 0 ? (double?)null : candidate.AvgLogprobs,
            AdditionalProperties = s_candidateHandled.Of(candidate),
        };

        private static List<C.SafetyRating>? ToCore(Google.Protobuf.Collections.RepeatedField<P.SafetyRating> ratings) =>
            ratings.Count == 0 ? null : ratings.Select(r => new C.SafetyRating
            {
                Category = ProtoEnum<P.HarmCategory>.NameOrNull(r.Category),
                Probability = ProtoEnum<P.SafetyRating.Types.HarmProbability>.NameOrNull(r.Probability),
                Blocked = r.Blocked ? true : (bool?)null,
                AdditionalProperties = s_ratingHandled.Of(r),
            }).ToList();

        private static C.UsageMetadata ToCore(P.GenerateContentResponse.Types.UsageMetadata usage) => new C.UsageMetadata
        {
            PromptTokenCount = NullIfZero(usage.PromptTokenCount),
            CachedContentTokenCount = NullIfZero(usage.CachedContentTokenCount),
            CandidatesTokenCount = NullIfZero(usage.CandidatesTokenCount),
            ToolUsePromptTokenCount = NullIfZero(usage.ToolUsePromptTokenCount),
            ThoughtsTokenCount = NullIfZero(usage.ThoughtsTokenCount),
            TotalTokenCount = NullIfZero(usage.TotalTokenCount),
            PromptTokensDetails = ToCore(usage.PromptTokensDetails),
            CacheTokensDetails = ToCore(usage.CacheTokensDetails),
            CandidatesTokensDetails = ToCore(usage.CandidatesTokensDetails),
            ToolUsePromptTokensDetails = ToCore(usage.ToolUsePromptTokensDetails),
            AdditionalProperties = s_usageHandled.Of(usage),
        };

        private static List<C.ModalityTokenCount>? ToCore(Google.Protobuf.Collections.RepeatedField<P.ModalityTokenCount> details) =>
            details.Count == 0 ? null : details.Select(d => new C.ModalityTokenCount
            {
                Modality = ProtoEnum<P.Modality>.NameOrNull(d.Modality),
                TokenCount = NullIfZero(d.TokenCount),
                AdditionalProperties = s_modalityHandled.Of(d),
            }).ToList();

        public static C.CountTokensResponse ToCore(P.CountTokensResponse response) => new C.CountTokensResponse
        {
            TotalTokens = response.TotalTokens,
            CachedContentTokenCount = NullIfZero(response.CachedContentTokenCount),
            PromptTokensDetails = ToCore(response.PromptTokensDetails),
            CacheTokensDetails = ToCore(response.CacheTokensDetails),
            AdditionalProperties = s_countResponseHandled.Of(response),
        };

        // ================= responses: core → proto (the server side, tests) =================

        public static P.GenerateContentResponse ToProto(C.GenerateContentResponse response)
        {
            var result = new P.GenerateContentResponse
            {
                ModelVersion = response.ModelVersion ?? "",
                ResponseId = response.ResponseId ?? "",
            };
            if (response.Candidates != null) foreach (var candidate in response.Candidates) result.Candidates.Add(ToProto(candidate));
            if (response.PromptFeedback != null)
            {
                result.PromptFeedback = new P.GenerateContentResponse.Types.PromptFeedback
                {
                    BlockReason = ProtoEnum<P.GenerateContentResponse.Types.PromptFeedback.Types.BlockReason>.Parse(response.PromptFeedback.BlockReason, "prompt_feedback.block_reason"),
                };
                AddRatings(result.PromptFeedback.SafetyRatings, response.PromptFeedback.SafetyRatings);
                ProtoJson.MergeExtras(result.PromptFeedback, response.PromptFeedback.AdditionalProperties);
            }
            if (response.UsageMetadata != null)
            {
                var usage = response.UsageMetadata;
                result.UsageMetadata = new P.GenerateContentResponse.Types.UsageMetadata
                {
                    PromptTokenCount = usage.PromptTokenCount ?? 0,
                    CachedContentTokenCount = usage.CachedContentTokenCount ?? 0,
                    CandidatesTokenCount = usage.CandidatesTokenCount ?? 0,
                    ToolUsePromptTokenCount = usage.ToolUsePromptTokenCount ?? 0,
                    ThoughtsTokenCount = usage.ThoughtsTokenCount ?? 0,
                    TotalTokenCount = usage.TotalTokenCount ?? 0,
                };
                AddDetails(result.UsageMetadata.PromptTokensDetails, usage.PromptTokensDetails);
                AddDetails(result.UsageMetadata.CacheTokensDetails, usage.CacheTokensDetails);
                AddDetails(result.UsageMetadata.CandidatesTokensDetails, usage.CandidatesTokensDetails);
                AddDetails(result.UsageMetadata.ToolUsePromptTokensDetails, usage.ToolUsePromptTokensDetails);
                ProtoJson.MergeExtras(result.UsageMetadata, usage.AdditionalProperties);
            }
            ProtoJson.MergeExtras(result, response.AdditionalProperties);
            return result;
        }

        public static P.Candidate ToProto(C.Candidate candidate)
        {
            var result = new P.Candidate
            {
                FinishReason = ProtoEnum<P.Candidate.Types.FinishReason>.Parse(candidate.FinishReason, "candidates.finish_reason"),
                TokenCount = candidate.TokenCount ?? 0,
                AvgLogprobs = candidate.AvgLogprobs ?? 0,
            };
            if (candidate.Content != null) result.Content = ContentMapper.ToProto(candidate.Content);
            if (candidate.FinishMessage != null) result.FinishMessage = candidate.FinishMessage;
            if (candidate.Index.HasValue) result.Index = candidate.Index.Value;
            AddRatings(result.SafetyRatings, candidate.SafetyRatings);
            if (candidate.CitationMetadata != null)
                result.CitationMetadata = ProtoJson.FromElement<P.CitationMetadata>(JsonSerializer.SerializeToElement(candidate.CitationMetadata, GenAIJsonContext.Default.CitationMetadata));
            if (candidate.GroundingMetadata != null)
                result.GroundingMetadata = ProtoJson.FromElement<P.GroundingMetadata>(JsonSerializer.SerializeToElement(candidate.GroundingMetadata, GenAIJsonContext.Default.GroundingMetadata));
            if (candidate.LogprobsResult != null) result.LogprobsResult = ProtoJson.FromElement<P.LogprobsResult>(candidate.LogprobsResult.Value);
            if (candidate.UrlContextMetadata != null) result.UrlContextMetadata = ProtoJson.FromElement<P.UrlContextMetadata>(candidate.UrlContextMetadata.Value);
            if (candidate.GroundingAttributions != null)
                foreach (var attribution in candidate.GroundingAttributions) result.GroundingAttributions.Add(ProtoJson.FromElement<P.GroundingAttribution>(attribution));
            ProtoJson.MergeExtras(result, candidate.AdditionalProperties);
            return result;
        }

        public static P.CountTokensResponse ToProto(C.CountTokensResponse response)
        {
            var result = new P.CountTokensResponse { TotalTokens = response.TotalTokens, CachedContentTokenCount = response.CachedContentTokenCount ?? 0 };
            AddDetails(result.PromptTokensDetails, response.PromptTokensDetails);
            AddDetails(result.CacheTokensDetails, response.CacheTokensDetails);
            ProtoJson.MergeExtras(result, response.AdditionalProperties);
            return result;
        }

        private static void AddRatings(Google.Protobuf.Collections.RepeatedField<P.SafetyRating> target, List<C.SafetyRating>? ratings)
        {
            if (ratings == null) return;
            foreach (var rating in ratings)
            {
                var item = new P.SafetyRating
                {
                    Category = ProtoEnum<P.HarmCategory>.Parse(rating.Category, "safety_ratings.category"),
                    Probability = ProtoEnum<P.SafetyRating.Types.HarmProbability>.Parse(rating.Probability, "safety_ratings.probability"),
                    Blocked = rating.Blocked ?? false,
                };
                ProtoJson.MergeExtras(item, rating.AdditionalProperties);
                target.Add(item);
            }
        }

        private static bool IsSet(JsonElement? value) => value.HasValue && value.Value.ValueKind != JsonValueKind.Null && value.Value.ValueKind != JsonValueKind.Undefined;

        private static int? NullIfZero(int value) => value == 0 ? (int?)null : value;

        private static void AddDetails(Google.Protobuf.Collections.RepeatedField<P.ModalityTokenCount> target, List<C.ModalityTokenCount>? details)
        {
            if (details == null) return;
            foreach (var detail in details)
            {
                var proto = new P.ModalityTokenCount { Modality = ProtoEnum<P.Modality>.Parse(detail.Modality, "modality"), TokenCount = detail.TokenCount ?? 0 };
                ProtoJson.MergeExtras(proto, detail.AdditionalProperties);
                target.Add(proto);
            }
        }
    }
}
