using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>ModelService, CacheService and FileService messages, both ways.</summary>
    internal static class ResourceMapper
    {
        private static readonly ExtraFields s_modelHandled = ExtraFields.Except(P.Model.Descriptor, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15);
        private static readonly ExtraFields s_modelListHandled = ExtraFields.Except(P.ListModelsResponse.Descriptor, 1, 2);
        private static readonly ExtraFields s_cacheListHandled = ExtraFields.Except(P.ListCachedContentsResponse.Descriptor, 1, 2);
        private static readonly ExtraFields s_fileListHandled = ExtraFields.Except(P.ListFilesResponse.Descriptor, 1, 2);
        private static readonly ExtraFields s_cacheHandled = ExtraFields.Except(P.CachedContent.Descriptor, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        private static readonly ExtraFields s_cacheUsageHandled = ExtraFields.Except(P.CachedContent.Types.UsageMetadata.Descriptor, 1);
        private static readonly ExtraFields s_fileHandled = ExtraFields.Except(P.File.Descriptor, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13);

        // ---- Model ----

        public static C.Model ToCore(P.Model model) => new C.Model
        {
            Name = model.Name,
            BaseModelId = ContentMapper.NullIfEmpty(model.BaseModelId),
            Version = ContentMapper.NullIfEmpty(model.Version),
            DisplayName = ContentMapper.NullIfEmpty(model.DisplayName),
            Description = ContentMapper.NullIfEmpty(model.Description),
            InputTokenLimit = model.InputTokenLimit == 0 ? (int?)null : model.InputTokenLimit,
            OutputTokenLimit = model.OutputTokenLimit == 0 ? (int?)null : model.OutputTokenLimit,
            SupportedGenerationMethods = model.SupportedGenerationMethods.ToList(),
            Temperature = model.HasTemperature ? ProtoJson.ToDouble(model.Temperature) : (double?)null,
            MaxTemperature = model.HasMaxTemperature ? ProtoJson.ToDouble(model.MaxTemperature) : (double?)null,
            TopP = model.HasTopP ? ProtoJson.ToDouble(model.TopP) : (double?)null,
            TopK = model.HasTopK ? model.TopK : (int?)null,
            Thinking = model.Thinking ? true : (bool?)null,
            AdditionalProperties = s_modelHandled.Of(model),
        };

        public static P.Model ToProto(C.Model model)
        {
            var result = new P.Model
            {
                Name = model.Name ?? "",
                BaseModelId = model.BaseModelId ?? "",
                Version = model.Version ?? "",
                DisplayName = model.DisplayName ?? "",
                Description = model.Description ?? "",
                InputTokenLimit = model.InputTokenLimit ?? 0,
                OutputTokenLimit = model.OutputTokenLimit ?? 0,
                Thinking = model.Thinking ?? false,
            };
            result.SupportedGenerationMethods.AddRange(model.SupportedGenerationMethods);
            if (model.Temperature.HasValue) result.Temperature = (float)model.Temperature.Value;
            if (model.MaxTemperature.HasValue) result.MaxTemperature = (float)model.MaxTemperature.Value;
            if (model.TopP.HasValue) result.TopP = (float)model.TopP.Value;
            if (model.TopK.HasValue) result.TopK = model.TopK.Value;
            ProtoJson.MergeExtras(result, model.AdditionalProperties);
            return result;
        }

        public static C.ListModelsResponse ToCore(P.ListModelsResponse response) => new C.ListModelsResponse
        {
            Models = response.Models.Select(ToCore).ToList(),
            NextPageToken = ContentMapper.NullIfEmpty(response.NextPageToken),
            AdditionalProperties = s_modelListHandled.Of(response),
        };

        // ---- CachedContent ----

        public static P.CachedContent ToProto(C.CachedContent cache)
        {
            var result = new P.CachedContent();
            if (cache.Name != null) result.Name = cache.Name;
            if (cache.DisplayName != null) result.DisplayName = cache.DisplayName;
            if (cache.Model != null) result.Model = cache.Model;
            if (cache.SystemInstruction != null) result.SystemInstruction = ContentMapper.ToProto(cache.SystemInstruction);
            ContentMapper.AddAll(result.Contents, cache.Contents);
            if (cache.Tools != null) foreach (var tool in cache.Tools) result.Tools.Add(GenerateMapper.ToProto(tool));
            if (cache.ToolConfig != null) result.ToolConfig = GenerateMapper.ToProto(cache.ToolConfig);
            result.CreateTime = ProtoJson.ParseTimestamp(cache.CreateTime, "cached_content.create_time");
            result.UpdateTime = ProtoJson.ParseTimestamp(cache.UpdateTime, "cached_content.update_time");
            if (cache.ExpireTime != null) result.ExpireTime = ProtoJson.ParseTimestamp(cache.ExpireTime, "cached_content.expire_time");
            if (cache.Ttl != null) result.Ttl = ProtoJson.ParseDuration(cache.Ttl, "cached_content.ttl");
            if (cache.UsageMetadata != null)
            {
                result.UsageMetadata = new P.CachedContent.Types.UsageMetadata { TotalTokenCount = cache.UsageMetadata.TotalTokenCount ?? 0 };
                ProtoJson.MergeExtras(result.UsageMetadata, cache.UsageMetadata.AdditionalProperties);
            }
            ProtoJson.MergeExtras(result, cache.AdditionalProperties);
            return result;
        }

        public static C.CachedContent ToCore(P.CachedContent cache) => new C.CachedContent
        {
            Name = cache.HasName ? cache.Name : null,
            DisplayName = cache.HasDisplayName ? cache.DisplayName : null,
            Model = cache.HasModel ? cache.Model : null,
            SystemInstruction = cache.SystemInstruction == null ? null : ContentMapper.ToCore(cache.SystemInstruction),
            Contents = cache.Contents.Count == 0 ? null : ContentMapper.ToCore(cache.Contents),
            Tools = cache.Tools.Count == 0 ? null : cache.Tools.Select(GenerateMapper.ToCore).ToList(),
            ToolConfig = cache.ToolConfig == null ? null : GenerateMapper.ToCore(cache.ToolConfig),
            CreateTime = ProtoJson.Format(cache.CreateTime),
            UpdateTime = ProtoJson.Format(cache.UpdateTime),
            ExpireTime = ProtoJson.Format(cache.ExpireTime),
            Ttl = ProtoJson.Format(cache.Ttl),
            UsageMetadata = cache.UsageMetadata == null ? null : new C.CachedContentUsage
            {
                TotalTokenCount = cache.UsageMetadata.TotalTokenCount == 0 ? (int?)null : cache.UsageMetadata.TotalTokenCount,
                AdditionalProperties = s_cacheUsageHandled.Of(cache.UsageMetadata),
            },
            AdditionalProperties = s_cacheHandled.Of(cache),
        };

        public static C.ListCachedContentsResponse ToCore(P.ListCachedContentsResponse response) => new C.ListCachedContentsResponse
        {
            CachedContents = response.CachedContents.Select(ToCore).ToList(),
            NextPageToken = ContentMapper.NullIfEmpty(response.NextPageToken),
            AdditionalProperties = s_cacheListHandled.Of(response),
        };

        /// <summary>"ttl", "expireTime" (REST, camelCase, comma-separated) → FieldMask paths (snake_case).</summary>
        public static FieldMask ToFieldMask(string updateMask)
        {
            var mask = new FieldMask();
            foreach (string path in updateMask.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                mask.Paths.Add(ToSnakeCase(path.Trim()));
            return mask;
        }

        private static string ToSnakeCase(string name)
        {
            var text = new System.Text.StringBuilder(name.Length + 4);
            foreach (char c in name)
            {
                if (char.IsUpper(c)) text.Append('_').Append(char.ToLowerInvariant(c));
                else text.Append(c);
            }
            return text.ToString();
        }

        // ---- File ----

        public static C.GenAIFile ToCore(P.File file) => new C.GenAIFile
        {
            Name = ContentMapper.NullIfEmpty(file.Name),
            DisplayName = ContentMapper.NullIfEmpty(file.DisplayName),
            MimeType = ContentMapper.NullIfEmpty(file.MimeType),
            SizeBytes = file.SizeBytes == 0 ? (long?)null : file.SizeBytes,
            CreateTime = ProtoJson.Format(file.CreateTime),
            UpdateTime = ProtoJson.Format(file.UpdateTime),
            ExpirationTime = ProtoJson.Format(file.ExpirationTime),
            Sha256Hash = ProtoJson.Base64(file.Sha256Hash),
            Uri = ContentMapper.NullIfEmpty(file.Uri),
            State = ProtoEnum<P.File.Types.State>.NameOrNull(file.State),
            Source = ProtoEnum<P.File.Types.Source>.NameOrNull(file.Source),
            Error = file.Error == null ? null : ToCore(file.Error),
            AdditionalProperties = s_fileHandled.Of(file),
        };

        public static P.File ToProto(C.GenAIFile file)
        {
            var result = new P.File
            {
                Name = file.Name ?? "",
                DisplayName = file.DisplayName ?? "",
                MimeType = file.MimeType ?? "",
                SizeBytes = file.SizeBytes ?? 0,
                CreateTime = ProtoJson.ParseTimestamp(file.CreateTime, "file.create_time"),
                UpdateTime = ProtoJson.ParseTimestamp(file.UpdateTime, "file.update_time"),
                ExpirationTime = ProtoJson.ParseTimestamp(file.ExpirationTime, "file.expiration_time"),
                Sha256Hash = ProtoJson.FromBase64(file.Sha256Hash, "file.sha256_hash"),
                Uri = file.Uri ?? "",
                State = ProtoEnum<P.File.Types.State>.Parse(file.State, "file.state"),
                Source = ProtoEnum<P.File.Types.Source>.Parse(file.Source, "file.source"),
            };
            if (file.Error != null) result.Error = ToProto(file.Error);
            ProtoJson.MergeExtras(result, file.AdditionalProperties);
            return result;
        }

        public static C.ListFilesResponse ToCore(P.ListFilesResponse response) => new C.ListFilesResponse
        {
            Files = response.Files.Select(ToCore).ToList(),
            NextPageToken = ContentMapper.NullIfEmpty(response.NextPageToken),
            AdditionalProperties = s_fileListHandled.Of(response),
        };

        // ---- google.rpc.Status ----

        public static C.ErrorStatus ToCore(Google.Rpc.Status status) => new C.ErrorStatus
        {
            Code = status.Code,
            Message = ContentMapper.NullIfEmpty(status.Message),
            Details = status.Details.Count == 0 ? null : status.Details.Select(DetailToJson).ToList(),
        };

        public static Google.Rpc.Status ToProto(C.ErrorStatus status)
        {
            var result = new Google.Rpc.Status { Code = status.Code, Message = status.Message ?? "" };
            if (status.Details != null)
                foreach (var detail in status.Details)
                {
                    try { result.Details.Add(ProtoJson.FromElement<Any>(detail)); }
                    catch (GenAI.Core.Errors.InvalidInputException) { }   // a detail type this build does not know: dropped
                }
            return result;
        }

        /// <summary>An error detail as REST shows it: <c>{"@type": "type.googleapis.com/google.rpc.ErrorInfo", ...}</c>.</summary>
        public static JsonElement DetailToJson(Any detail)
        {
            try { return ProtoJson.ToElement(detail); }
            catch (InvalidOperationException)
            {
                // Not a google.rpc detail type: keep it opaque.
                var opaque = new Dictionary<string, JsonElement>
                {
                    ["@type"] = JsonSerializer.SerializeToElement(detail.TypeUrl, GenAI.Core.Protocol.GenAIJsonContext.Default.String),
                    ["value"] = JsonSerializer.SerializeToElement(detail.Value.ToBase64(), GenAI.Core.Protocol.GenAIJsonContext.Default.String),
                };
                return JsonSerializer.SerializeToElement(opaque, GenAI.Core.Protocol.GenAIJsonContext.Default.DictionaryStringJsonElement);
            }
        }
    }
}
