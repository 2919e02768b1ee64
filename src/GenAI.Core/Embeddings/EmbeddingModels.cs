using System;

namespace GenAI.Core.Embeddings
{
    /// <summary>Tells embedding models (gemini-embedding-001, text-embedding-004, ...) from generative ones by name, without asking the service.</summary>
    public static class EmbeddingModels
    {
        /// <summary>True for a model whose id names it an embedding model (with or without <c>models/</c>).</summary>
        public static bool IsEmbeddingModel(string? model) =>
            !string.IsNullOrEmpty(model) && model!.IndexOf("embedding", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
