using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenAI.Core.Protocol;

namespace GenAI.Core.Batches
{
    /// <summary>
    /// A batch job as the service returns it: a <c>google.longrunning.Operation</c> whose <c>metadata</c> is the
    /// <c>GenerateContentBatch</c> (https://ai.google.dev/api/batch-api). The convenience properties read the metadata.
    /// </summary>
    public sealed class GenAIBatch : JsonExtensible
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("metadata")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public BatchMetadata? Metadata { get; set; }

        /// <summary>Absent (false) while pending or running; true once the batch reached a terminal state.</summary>
        [JsonPropertyName("done")]
        public bool Done { get; set; }

        [JsonPropertyName("error")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ErrorStatus? Error { get; set; }

        /// <summary>The output again, typed <c>GenerateContentBatchOutput</c>; read only when the metadata has none.</summary>
        [JsonPropertyName("response")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public BatchOutput? Response { get; set; }

        [JsonIgnore] public string? DisplayName => Metadata?.DisplayName;

        [JsonIgnore] public string? Model => Metadata?.Model;

        /// <summary><c>BATCH_STATE_PENDING</c>, <c>_RUNNING</c>, <c>_SUCCEEDED</c>, <c>_FAILED</c>, <c>_CANCELLED</c> or <c>_EXPIRED</c>.</summary>
        [JsonIgnore] public string State => Metadata?.State ?? BatchStates.Unspecified;

        [JsonIgnore] public bool IsTerminal => BatchStates.IsTerminal(State);

        [JsonIgnore] public DateTimeOffset? CreateTime => Parse(Metadata?.CreateTime);

        [JsonIgnore] public DateTimeOffset? EndTime => Parse(Metadata?.EndTime);

        [JsonIgnore] public long RequestCount => Metadata?.BatchStats?.RequestCount ?? 0;

        [JsonIgnore] public long SucceededCount => Metadata?.BatchStats?.SuccessfulRequestCount ?? 0;

        [JsonIgnore] public long FailedCount => Metadata?.BatchStats?.FailedRequestCount ?? 0;

        [JsonIgnore] public long PendingCount => Metadata?.BatchStats?.PendingRequestCount ?? 0;

        /// <summary>The output, read from the metadata first, then from the operation's response.</summary>
        [JsonIgnore] public BatchOutput? Output => Metadata?.Output ?? Response;

        /// <summary>The JSONL result file (<c>files/batch-…</c>) of a finished file batch.</summary>
        [JsonIgnore] public string? ResponsesFile => Output?.ResponsesFile;

        /// <summary>The uploaded JSONL input file, for a batch made from one.</summary>
        [JsonIgnore] public string? InputFile => Metadata?.InputConfig?.FileName;

        /// <summary>The id after <c>batches/</c>.</summary>
        [JsonIgnore] public string Id => BatchNames.Id(Name ?? "");

        /// <summary>
        /// True for an embeddings batch (asyncBatchEmbedContent): its metadata is typed <c>EmbedContentBatch</c>, or, without
        /// a type, its model is an embedding model. Its results are embeddings rather than replies.
        /// </summary>
        [JsonIgnore]
        public bool IsEmbedding =>
            Metadata?.AdditionalProperties != null && Metadata.AdditionalProperties.TryGetValue("@type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()!.EndsWith(".EmbedContentBatch", StringComparison.Ordinal)
                : Embeddings.EmbeddingModels.IsEmbeddingModel(Model);

        private static DateTimeOffset? Parse(string? time) =>
            DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : (DateTimeOffset?)null;

        public override string ToString() => Name ?? "";
    }

    /// <summary>The <c>GenerateContentBatch</c> resource.</summary>
    public sealed class BatchMetadata : JsonExtensible
    {
        [JsonPropertyName("model")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Model { get; set; }

        [JsonPropertyName("displayName")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DisplayName { get; set; }

        [JsonPropertyName("name")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; }

        [JsonPropertyName("createTime")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CreateTime { get; set; }

        [JsonPropertyName("updateTime")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UpdateTime { get; set; }

        [JsonPropertyName("endTime")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EndTime { get; set; }

        [JsonPropertyName("batchStats")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public BatchStats? BatchStats { get; set; }

        [JsonPropertyName("state")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? State { get; set; }

        [JsonPropertyName("priority")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long? Priority { get; set; }

        [JsonPropertyName("inputConfig")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public BatchInputConfig? InputConfig { get; set; }

        [JsonPropertyName("output")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public BatchOutput? Output { get; set; }
    }

    /// <summary>The four counters; int64 values travel as strings and zero counters are omitted.</summary>
    public sealed class BatchStats : JsonExtensible
    {
        [JsonPropertyName("requestCount")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long RequestCount { get; set; }

        [JsonPropertyName("successfulRequestCount")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long SuccessfulRequestCount { get; set; }

        [JsonPropertyName("failedRequestCount")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long FailedRequestCount { get; set; }

        [JsonPropertyName("pendingRequestCount")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        public long PendingRequestCount { get; set; }
    }

    public sealed class BatchInputConfig : JsonExtensible
    {
        [JsonPropertyName("fileName")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FileName { get; set; }
    }

    /// <summary>Exactly one of <c>inlinedResponses</c> (<c>{"inlinedResponses": [...]}</c>) or <c>responsesFile</c>.</summary>
    public sealed class BatchOutput : JsonExtensible
    {
        [JsonPropertyName("responsesFile")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ResponsesFile { get; set; }

        /// <summary>Kept as JSON: the item type depends on the batch's method (generate or embed).</summary>
        [JsonPropertyName("inlinedResponses")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public JsonElement? InlinedResponses { get; set; }
    }

    /// <summary>batches.list: the items are under <c>operations</c>.</summary>
    public sealed class ListBatchesResponse : JsonExtensible
    {
        [JsonPropertyName("operations")] public List<GenAIBatch> Operations { get; set; } = new List<GenAIBatch>();

        [JsonPropertyName("nextPageToken")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextPageToken { get; set; }
    }

    /// <summary>One line of a result file, or one inlined response: its key (or metadata) and a response or an error.</summary>
    public sealed class BatchResponseItem<TResponse> where TResponse : class
    {
        [JsonPropertyName("key")] public string? Key { get; set; }

        [JsonPropertyName("metadata")] public Dictionary<string, JsonElement>? Metadata { get; set; }

        [JsonPropertyName("response")] public TResponse? Response { get; set; }

        [JsonPropertyName("error")] public ErrorStatus? Error { get; set; }

        /// <summary>The documentation calls a failed line "a status object"; accepted as well as <c>error</c>.</summary>
        [JsonPropertyName("status")] public ErrorStatus? Status { get; set; }
    }

    /// <summary>The <c>{"inlinedResponses": [...]}</c> object (the key appears twice on the wire).</summary>
    public sealed class InlinedResponses<TResponse> where TResponse : class
    {
        [JsonPropertyName("inlinedResponses")] public List<BatchResponseItem<TResponse>> Items { get; set; } = new List<BatchResponseItem<TResponse>>();
    }
}
