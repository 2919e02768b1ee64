using System.Management.Automation;
using GenAI.Core.Protocol;
using GenAI.Core.Streaming;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Combines the chunks of a streamed reply into one response, as a chat session does: text joined,
    /// all parts kept, the last finish reason and token usage. Chunks of several streams (-Each -Stream)
    /// give one response per stream: chunks of one call share a StreamId.
    /// </summary>
    [Cmdlet(VerbsCommon.Join, "GenAIResponse")]
    [OutputType(typeof(GenerateContentResponse))]
    public sealed class JoinGenAIResponseCommand : PSCmdlet
    {
        private StreamAggregator? _aggregator;
        private GenerateContentResponse? _previous;

        /// <summary>The chunks, in the order they arrived (from the pipeline or a variable such as -OutVariable's).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public GenerateContentResponse[] InputObject { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var chunk in InputObject)
            {
                if (chunk == null) continue;
                if (_aggregator != null && StartsNewResponse(_previous!, chunk)) Flush();
                (_aggregator ??= new StreamAggregator()).Add(chunk);
                _previous = chunk;
            }
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_aggregator == null) return;
            WriteObject(_aggregator.ToResponse());
            _aggregator = null;
        }

        // The chunks of one call share the StreamId the client gave them: a stream is one response, whatever each
        // chunk carries (older models send finishReason STOP on every chunk and no responseId). Chunks that lost it
        // (read back from a file) fall back to the responseId, then to a finished chunk ending its stream.
        private static bool StartsNewResponse(GenerateContentResponse previous, GenerateContentResponse next)
        {
            if (previous.StreamId != System.Guid.Empty && next.StreamId != System.Guid.Empty)
                return previous.StreamId != next.StreamId;
            if (!string.IsNullOrEmpty(previous.ResponseId) && !string.IsNullOrEmpty(next.ResponseId))
                return previous.ResponseId != next.ResponseId;
            return previous.FinishReason != null || previous.PromptFeedback?.BlockReason != null;
        }
    }
}
