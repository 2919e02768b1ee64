using GenAI.Core.Errors;

namespace GenAI.Core.Batches
{
    /// <summary>A batch is not in a state for what was asked (results of a failed batch, a wait that timed out, ...).</summary>
    public sealed class BatchException : GenAIException
    {
        public BatchException(string errorCode, string message, GenAIBatch? batch = null, string? recommendedAction = null)
            : base(errorCode, message, null, recommendedAction)
        {
            Batch = batch;
        }

        /// <summary>The batch as last seen.</summary>
        public GenAIBatch? Batch { get; }
    }
}
