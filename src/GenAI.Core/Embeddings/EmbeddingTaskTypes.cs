using System;
using System.Collections.Generic;
using System.Text;

namespace GenAI.Core.Embeddings
{
    /// <summary>The task types an embedding can be optimised for (the API's TaskType enum).</summary>
    public static class EmbeddingTaskTypes
    {
        public const string RetrievalDocument = "RETRIEVAL_DOCUMENT";

        /// <summary>Every value with what it is for (completion tool tips, help).</summary>
        public static readonly IReadOnlyList<(string Value, string Description)> All = new[]
        {
            ("RETRIEVAL_QUERY", "A search query, to find documents embedded with RETRIEVAL_DOCUMENT."),
            (RetrievalDocument, "A document to be searched (a title helps)."),
            ("SEMANTIC_SIMILARITY", "Texts whose similarity is compared."),
            ("CLASSIFICATION", "Texts to classify."),
            ("CLUSTERING", "Texts to cluster."),
            ("QUESTION_ANSWERING", "A question, to find the documents that answer it."),
            ("FACT_VERIFICATION", "A statement, to find the documents that support or refute it."),
            ("CODE_RETRIEVAL_QUERY", "A natural-language query, to find code blocks embedded with RETRIEVAL_DOCUMENT."),
        };

        /// <summary>
        /// The wire form of a task type: <c>RetrievalQuery</c>, <c>retrieval_query</c> and <c>RETRIEVAL_QUERY</c> all
        /// give <c>RETRIEVAL_QUERY</c>. Values the list does not know are passed on (upper-cased) for the service to judge.
        /// </summary>
        public static string Normalize(string taskType)
        {
            if (string.IsNullOrWhiteSpace(taskType)) throw new ArgumentException("A task type is required.", nameof(taskType));
            string trimmed = taskType.Trim();
            var wire = new StringBuilder(trimmed.Length + 4);
            for (int i = 0; i < trimmed.Length; i++)
            {
                char c = trimmed[i];
                if (c == '-' || c == ' ') c = '_';
                bool wordStart = i > 0 && char.IsUpper(c) && char.IsLower(trimmed[i - 1]);
                if (wordStart) wire.Append('_');
                wire.Append(char.ToUpperInvariant(c));
            }
            return wire.ToString();
        }
    }
}
