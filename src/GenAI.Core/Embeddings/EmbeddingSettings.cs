using System;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Embeddings
{
    /// <summary>
    /// What every text of an embedding job shares (task type, title, dimensions), and the one place that turns a
    /// text into an <see cref="EmbedContentRequest"/>: batchEmbedContents calls and Batch API embedding jobs build
    /// their requests here.
    /// </summary>
    public sealed class EmbeddingSettings
    {
        /// <summary>A task type in any spelling <see cref="EmbeddingTaskTypes.Normalize"/> accepts; null: the service's default.</summary>
        public string? TaskType { get; set; }

        /// <summary>A title for the documents; implies RETRIEVAL_DOCUMENT when no task type is set (as the SDKs do).</summary>
        public string? Title { get; set; }

        /// <summary>Keep only the first N values; null: the model's full size.</summary>
        public int? OutputDimensionality { get; set; }

        /// <summary>The task type as sent (null when none).</summary>
        public string? EffectiveTaskType =>
            TaskType != null ? EmbeddingTaskTypes.Normalize(TaskType) : Title != null ? EmbeddingTaskTypes.RetrievalDocument : null;

        /// <summary>Throws <see cref="InvalidInputException"/> for settings the service would refuse.</summary>
        public void Validate()
        {
            if (OutputDimensionality is int size && size < 1)
                throw new InvalidInputException(ErrorCodes.InvalidOutputDimensionality, $"The output dimensionality must be a positive number of values; {size} was given.",
                    size, "Pass a size such as 768, 1536 or 3072, or leave it out for the model's full size.");
            if (Title != null && EffectiveTaskType != EmbeddingTaskTypes.RetrievalDocument)
                throw new InvalidInputException(ErrorCodes.TitleRequiresRetrievalDocument,
                    $"A title applies only to the RETRIEVAL_DOCUMENT task type, not to {EffectiveTaskType}.", Title,
                    "Leave out the task type (a title implies RETRIEVAL_DOCUMENT) or leave out the title.");
        }

        /// <summary>The request that embeds <paramref name="text"/> with <paramref name="model"/> (any spelling; sent as <c>models/{id}</c>).</summary>
        public EmbedContentRequest BuildRequest(string model, string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new EmbedContentRequest
            {
                Model = ModelNames.Normalize(model),
                Content = new Content(null, new[] { Part.FromText(text) }),
                TaskType = EffectiveTaskType,
                Title = Title,
                OutputDimensionality = OutputDimensionality,
            };
        }
    }
}
