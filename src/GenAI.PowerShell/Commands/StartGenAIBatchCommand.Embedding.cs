using System.Globalization;
using System.Management.Automation;
using GenAI.Core.Batches;
using GenAI.Core.Embeddings;
using GenAI.Core.Errors;
using GenAI.Core.Models;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Batches;
using GenAI.PowerShell.Errors;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Commands
{
    /// <summary>
    /// Start-GenAIBatch -Embedding: an embeddings batch (asyncBatchEmbedContent). Every pipeline item (a string, a
    /// Get-Content line, a text file) is one EmbedContentRequest, built as Get-GenAIEmbedding builds it, with this
    /// call's -TaskType, -Title and -OutputDimensionality; or -InputFile gives a JSONL of EmbedContentRequests.
    /// Receive-GenAIBatch then writes one embedding per input, in input order.
    /// </summary>
    public sealed partial class StartGenAIBatchCommand
    {
        private const string EmbeddingSet = "Embedding";

        private EmbeddingSettings? _embedding;

        /// <summary>Start an embeddings batch: one vector per input (default model gemini-embedding-001).</summary>
        [Parameter(Mandatory = true, ParameterSetName = EmbeddingSet)]
        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter Embedding { get; set; }

        /// <summary>What the vectors are for (RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, SEMANTIC_SIMILARITY, ...), as Get-GenAIEmbedding takes it.</summary>
        [Parameter(ParameterSetName = EmbeddingSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.EmbeddingTaskTypeCompleter))]
        public string? TaskType { get; set; }

        /// <summary>The title of the documents; implies -TaskType RETRIEVAL_DOCUMENT.</summary>
        [Parameter(ParameterSetName = EmbeddingSet)]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>Keep only the first N values of each vector (the service then does not normalise them).</summary>
        [Parameter(ParameterSetName = EmbeddingSet)]
        [ValidateRange(1, 65536)]
        public int? OutputDimensionality { get; set; }

        private void BeginEmbedding()
        {
            _model = Model ?? new GenerativeModel(EmbeddingLimits.DefaultModel);
            DisplayName ??= "genai-powershell-embeddings-" + System.DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            _embedding = new EmbeddingSettings { TaskType = TaskType, Title = Title, OutputDimensionality = OutputDimensionality };
            try
            {
                _embedding.Validate();
                if (!Settings.Overrides.IsEmpty || _model.GenerationConfig != null || _model.SystemInstruction != null || _model.Tools != null)
                    throw new InvalidInputException(ErrorCodes.EmbeddingModelSettings,
                        $"An embeddings batch sends only the text to embed: generation settings, a system instruction or tools do not apply to {_model.Name}.",
                        _model.Name, "Leave out the generation parameters; -TaskType, -Title and -OutputDimensionality shape the embeddings.");
            }
            catch (InvalidInputException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, null));
            }
            if (ParameterSetName == FileSet) return;
            _writer = new BatchInputWriter(BatchInputStore.NewDraft());
        }

        // One input, one EmbedContentRequest line; an input that cannot be embedded (empty, not text) is an error of its own.
        private void AddEmbedding(object? item)
        {
            _position++;
            try
            {
                string text = EmbeddingInput.ToText(item, out _);
                _writer!.Add(_position.ToString(CultureInfo.InvariantCulture), _embedding!.BuildRequest(_model.Name, text), GenAIJsonContext.Default.EmbedContentRequest);
            }
            catch (GenAIException ex)
            {
                _failed++;
                WriteError(ErrorRecordFactory.Create(ex, item));
            }
        }
    }
}
