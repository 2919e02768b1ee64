using System.Linq;
using GenAI.Core.Batches;
using GenAI.Core.Embeddings;
using GenAI.Core.Protocol;

namespace GenAI.PowerShell.Batches
{
    /// <summary>
    /// A result of an embeddings batch as Get-GenAIEmbedding writes an embedding: the vector with the text it came from
    /// (read back from the batch's kept input, when this machine started it) and its position in the batch.
    /// </summary>
    internal static class EmbeddingBatchResults
    {
        public static TextEmbedding ToEmbedding(BatchResult result, string? batchModel)
        {
            var request = result.Input as EmbedContentRequest;
            string? text = request?.Content?.Parts.Where(p => p.Text != null).Select(p => p.Text).FirstOrDefault();
            string model = request?.Model ?? batchModel ?? "";
            return new TextEmbedding(result.Embedding?.Embedding?.Values ?? System.Array.Empty<float>(), text, null, model, result.Index);
        }
    }
}
