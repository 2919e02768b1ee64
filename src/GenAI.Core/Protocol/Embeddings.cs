using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// One text to embed (https://ai.google.dev/api/embeddings#EmbedContentRequest). Only the parts' text counts;
    /// several text parts give one embedding.
    /// </summary>
    public sealed class EmbedContentRequest : JsonExtensible
    {
        /// <summary><c>models/{id}</c>: optional on <c>embedContent</c> (the path names the model), required on each request of <c>batchEmbedContents</c>.</summary>
        [JsonPropertyName("model")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Model { get; set; }

        [JsonPropertyName("content")]
        public Content Content { get; set; } = new Content();

        /// <summary>RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, SEMANTIC_SIMILARITY, CLASSIFICATION, CLUSTERING, QUESTION_ANSWERING, FACT_VERIFICATION, CODE_RETRIEVAL_QUERY.</summary>
        [JsonPropertyName("taskType")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? TaskType { get; set; }

        /// <summary>The document's title; only with the RETRIEVAL_DOCUMENT task type.</summary>
        [JsonPropertyName("title")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Title { get; set; }

        /// <summary>Keeps only the first N values of the vector (the service's full size when unset).</summary>
        [JsonPropertyName("outputDimensionality")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? OutputDimensionality { get; set; }
    }

    /// <summary>An embedding vector.</summary>
    public sealed class ContentEmbedding : JsonExtensible
    {
        [JsonPropertyName("values")]
        public float[] Values { get; set; } = System.Array.Empty<float>();

        protected override void OnRead() => Values ??= System.Array.Empty<float>();
    }

    public sealed class EmbedContentResponse : JsonExtensible
    {
        [JsonPropertyName("embedding")]
        public ContentEmbedding? Embedding { get; set; }
    }

    /// <summary>Up to <see cref="Embeddings.EmbeddingLimits.MaxRequestsPerCall"/> requests, each naming the same model as the call.</summary>
    public sealed class BatchEmbedContentsRequest : JsonExtensible
    {
        [JsonPropertyName("requests")]
        public List<EmbedContentRequest> Requests { get; set; } = new List<EmbedContentRequest>();
    }

    /// <summary>One embedding per request, in request order.</summary>
    public sealed class BatchEmbedContentsResponse : JsonExtensible
    {
        [JsonPropertyName("embeddings")]
        public List<ContentEmbedding> Embeddings { get; set; } = new List<ContentEmbedding>();

        protected override void OnRead() => Embeddings = WithoutNulls(Embeddings) ?? new List<ContentEmbedding>();
    }
}
