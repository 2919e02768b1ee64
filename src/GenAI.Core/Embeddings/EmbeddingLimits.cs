namespace GenAI.Core.Embeddings
{
    /// <summary>Limits and defaults of the embeddings API (https://ai.google.dev/api/embeddings, https://ai.google.dev/gemini-api/docs/embeddings).</summary>
    public static class EmbeddingLimits
    {
        /// <summary>batchEmbedContents takes at most 100 requests per call.</summary>
        public const int MaxRequestsPerCall = 100;

        /// <summary>The model used when none is given.</summary>
        public const string DefaultModel = "gemini-embedding-001";
    }
}
