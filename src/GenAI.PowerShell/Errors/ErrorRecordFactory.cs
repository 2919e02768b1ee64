using System;
using System.Management.Automation;
using GenAI.Core.Errors;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Formatting;

namespace GenAI.PowerShell.Errors
{
    /// <summary>
    /// The only place that builds ErrorRecords from core exceptions: a stable id ("GenAI.&lt;Code&gt;"),
    /// the right category, the failing input as target, a recommended action, and never the key.
    /// The displayed message carries no terminal control sequences (service text can contain them).
    /// </summary>
    internal static class ErrorRecordFactory
    {
        public const string IdPrefix = "GenAI.";

        public static ErrorRecord Create(GenAIException exception, object? target)
        {
            string key = ModuleConfiguration.CurrentKey ?? "";
            string message = KeyMask.Redact(exception.Message, key);
            var record = new ErrorRecord(Sanitize(exception, message), IdPrefix + exception.ErrorCode, Categorize(exception.ErrorCode), target ?? TargetOf(exception));
            record.ErrorDetails = new ErrorDetails(TerminalText.Neutralize(message));
            if (exception.RecommendedAction != null) record.ErrorDetails.RecommendedAction = exception.RecommendedAction;
            return record;
        }

        /// <summary>For failures that are not core exceptions (bad parameter combinations, file system).</summary>
        public static ErrorRecord Create(string errorCode, ErrorCategory category, string message, object? target, string? recommendedAction = null, Exception? inner = null)
        {
            var record = new ErrorRecord(inner ?? new InvalidOperationException(message), IdPrefix + errorCode, category, target);
            record.ErrorDetails = new ErrorDetails(message);
            if (recommendedAction != null) record.ErrorDetails.RecommendedAction = recommendedAction;
            return record;
        }

        public static ErrorCategory Categorize(string errorCode) => errorCode switch
        {
            "ApiKeyMissing" or "ApiKeyInvalid" or "Unauthenticated" => ErrorCategory.AuthenticationError,
            "PermissionDenied" or "FileAccessDenied" => ErrorCategory.PermissionDenied,
            "ModelNotFound" or "NotFound" or "FileNotFound" or "PathNotFound" or "TokenizerNotInstalled" => ErrorCategory.ObjectNotFound,
            "RateLimited" => ErrorCategory.QuotaExceeded,
            "ServiceUnavailable" or "InternalServerError" => ErrorCategory.ResourceUnavailable,
            "Timeout" => ErrorCategory.OperationTimeout,
            "ConnectionFailed" or "StreamInterrupted" or "TokenizerDownloadFailed" => ErrorCategory.ConnectionError,
            "PromptBlocked" or "InvalidArgument" or "PayloadTooLarge" or "EmptyPrompt" or "NestedTooDeep" or "DuplicateKey" or "AmbiguousPrompt" or "UnrecognizedPart" or "MimeTypeRequired"
                or "CachedContentConflict" or "ChatMultipleCandidates" or "NotAFile" or "InvalidPath" or "ParameterConflict"
                or "FileHasNoUri" => ErrorCategory.InvalidArgument,
            "FileReadFailed" or "FileChanged" => ErrorCategory.ReadError,
            "UploadFailed" => ErrorCategory.WriteError,
            "FileProcessingFailed" => ErrorCategory.InvalidResult,
            "FileProcessingTimedOut" => ErrorCategory.OperationTimeout,
            // Model settings, tools and function calling (issue 5).
            "InvalidSafetySetting" or "InvalidGenerationConfig" or "InvalidSchema" or "RecursiveSchema" or "InvalidTool" or "DuplicateFunctionName"
                or "InvalidToolConfig" or "InvalidSystemInstruction" or "InvalidCachedContent" or "FunctionCallingNeedsOneCandidate" => ErrorCategory.InvalidArgument,
            "UnsupportedInputType" or "UnknownFileType" => ErrorCategory.InvalidType,
            // Chat sessions and cached contents (issue 6).
            "InvalidChatSessionFile" => ErrorCategory.InvalidData,
            "ChatHistoryEmpty" or "MultipleSessions" => ErrorCategory.InvalidOperation,
            "InvalidExpiration" or "DisplayNameTooLong" or "ModelRequired" or "NameRequired" or "InvalidPageSize" or "IncompleteCachedContent"
                or "NotAFileSystemPath" => ErrorCategory.InvalidArgument,
            "FileExists" => ErrorCategory.ResourceExists,
            "ExportFailed" => ErrorCategory.WriteError,
            "ImportFailed" => ErrorCategory.ReadError,
            "CandidateStopped" or "ResponseHasNoText" => ErrorCategory.InvalidResult,
            "ResponseParseFailed" or "TokenizerHashMismatch" => ErrorCategory.InvalidData,
            "InsecureEndpoint" => ErrorCategory.SecurityError,
            "RedirectRefused" => ErrorCategory.SecurityError,
            "ResponseTooLarge" => ErrorCategory.LimitsExceeded,
            "InvalidEndpoint" => ErrorCategory.InvalidArgument,
            "FailedPrecondition" => ErrorCategory.InvalidOperation,
            "Conflict" => ErrorCategory.ResourceExists,
            // Media output and Gemini 3 controls (issue 20).
            "InvalidSpeechConfig" or "ThinkingLevelAndBudget" => ErrorCategory.InvalidArgument,
            "FieldNotSupportedOverGrpc" => ErrorCategory.NotImplemented,
            "InvalidMediaData" => ErrorCategory.InvalidData,
            "SaveFailed" => ErrorCategory.WriteError,
            "Cancelled" => ErrorCategory.OperationStopped,
            // Embeddings.
            "InvalidOutputDimensionality" or "TitleRequiresRetrievalDocument" or "EmptyEmbeddingInput" or "EmbeddingModelSettings" => ErrorCategory.InvalidArgument,
            "UnsupportedEmbeddingInput" => ErrorCategory.InvalidType,
            "ChatBusy" => ErrorCategory.ResourceBusy,
            "InvalidHistory" or "StreamNotReadable" => ErrorCategory.InvalidArgument,
            // Batches.
            "WaitTimedOut" => ErrorCategory.OperationTimeout,
            "BatchFailed" or "BatchHasNoResults" or "BatchNotFinished" or "BatchOutputMissing" => ErrorCategory.InvalidOperation,
            "InvalidBatchName" or "InvalidBatchInput" or "DisplayNameRequired" or "EmptyBatch" => ErrorCategory.InvalidArgument,
            "AsJobNotSupported" => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };

        private static object? TargetOf(GenAIException exception) => exception switch
        {
            InvalidInputException invalid => invalid.Input,
            PromptBlockedException blocked => blocked.Response,
            CandidateStoppedException stopped => stopped.Response,
            GenAI.Core.Files.FilesException files => files.File,
            GenAI.Core.Chats.ChatBusyException busy => busy.Session,
            GenAI.Core.Batches.BatchException batch => batch.Batch,
            _ => null,
        };

        // The exception travels with the record ($error[0].Exception); keep the key out of its message too.
        private static Exception Sanitize(GenAIException exception, string redactedMessage) =>
            redactedMessage == exception.Message ? exception : new InvalidOperationException(redactedMessage);
    }
}
