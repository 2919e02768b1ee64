namespace GenAI.Core.Batches
{
    /// <summary>
    /// Which batch method a batch is created with. Generate batches use <c>batchGenerateContent</c>; an embeddings
    /// batch (<c>asyncBatchEmbedContent</c>, same input and output shapes with EmbedContentRequest/Response) is another
    /// instance of this class plus a result reader for its response type.
    /// </summary>
    public sealed class BatchMethod
    {
        public static readonly BatchMethod GenerateContent = new BatchMethod("batchGenerateContent");

        /// <summary>Embeddings: each request is an EmbedContentRequest, each response an EmbedContentResponse.</summary>
        public static readonly BatchMethod EmbedContent = new BatchMethod("asyncBatchEmbedContent");

        public BatchMethod(string verb) { Verb = verb; }

        /// <summary>The method after the model: <c>models/x:{Verb}</c>.</summary>
        public string Verb { get; }

        public override string ToString() => Verb;
    }

    /// <summary>How the requests travel: inline in the create call, or as an uploaded JSONL file.</summary>
    public enum BatchInputMode
    {
        /// <summary>Inline when at most <see cref="BatchesClient.InlineMaxRequests"/> requests and <see cref="BatchesClient.InlineMaxBytes"/> bytes; otherwise a file.</summary>
        Auto,
        Inline,
        File,
    }
}
