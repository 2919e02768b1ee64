using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>Source-generated (reflection-free) JSON metadata for every wire type.</summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A number beyond double's range (1e999) reads as infinity; without this it could not be written back.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = new[] { typeof(ValidatedJsonElementConverter) })]
    [JsonSerializable(typeof(GenerateContentRequest))]
    [JsonSerializable(typeof(GenerateContentResponse))]
    [JsonSerializable(typeof(List<GenerateContentResponse>))]
    [JsonSerializable(typeof(CountTokensRequest))]
    [JsonSerializable(typeof(CountTokensResponse))]
    [JsonSerializable(typeof(Model))]
    [JsonSerializable(typeof(ListModelsResponse))]
    [JsonSerializable(typeof(ErrorEnvelope))]
    [JsonSerializable(typeof(List<ErrorEnvelope>))]
    [JsonSerializable(typeof(CachedContent))]
    [JsonSerializable(typeof(ListCachedContentsResponse))]
    [JsonSerializable(typeof(GenAIFile))]
    [JsonSerializable(typeof(FileEnvelope))]
    [JsonSerializable(typeof(ListFilesResponse))]
    [JsonSerializable(typeof(Content))]
    [JsonSerializable(typeof(List<Content>))]
    [JsonSerializable(typeof(Part))]
    [JsonSerializable(typeof(Tool))]
    [JsonSerializable(typeof(List<Tool>))]
    [JsonSerializable(typeof(ToolConfig))]
    [JsonSerializable(typeof(GenerationConfig))]
    [JsonSerializable(typeof(SafetySetting))]
    [JsonSerializable(typeof(List<SafetySetting>))]
    [JsonSerializable(typeof(JsonElement))]
    [JsonSerializable(typeof(Dictionary<string, JsonElement>))]
    [JsonSerializable(typeof(Chats.ChatSessionDocument))]
    [JsonSerializable(typeof(EmbedContentRequest))]
    [JsonSerializable(typeof(EmbedContentResponse))]
    [JsonSerializable(typeof(BatchEmbedContentsRequest))]
    [JsonSerializable(typeof(BatchEmbedContentsResponse))]
    [JsonSerializable(typeof(Batches.GenAIBatch))]
    [JsonSerializable(typeof(Batches.ListBatchesResponse))]
    [JsonSerializable(typeof(Batches.BatchResponseItem<GenerateContentResponse>))]
    [JsonSerializable(typeof(Batches.InlinedResponses<GenerateContentResponse>))]
    [JsonSerializable(typeof(Batches.BatchResponseItem<EmbedContentResponse>))]
    [JsonSerializable(typeof(Batches.InlinedResponses<EmbedContentResponse>))]
    public sealed partial class GenAIJsonContext : JsonSerializerContext
    {
    }
}
