using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using C = GenAI.Core.Errors.ErrorCodes;
using P = GenAI.PowerShell.Errors.PowerShellErrorCodes;

namespace GenAI.PowerShell.Errors
{
    /// <summary>
    /// For every error code (the core's <see cref="ErrorCodes"/> and <see cref="PowerShellErrorCodes"/>): its ErrorCategory
    /// and, where the module has one, the recommended action in PowerShell's terms (cmdlets, parameters), worded from the
    /// exception's data. The core's own hint (<see cref="GenAIException.RecommendedAction"/>) is used where there is none.
    /// </summary>
    internal static class ErrorTable
    {
        /// <summary>One code's row.</summary>
        internal sealed class Entry
        {
            public Entry(ErrorCategory category, Func<GenAIException, string?>? action)
            {
                Category = category;
                Action = action;
            }

            public ErrorCategory Category { get; }

            /// <summary>The PowerShell wording of what to do, from the exception; null (or a null result) keeps the core's hint.</summary>
            public Func<GenAIException, string?>? Action { get; }
        }

        private const string SetKey = "Set-GenAIConfiguration -ApiKey (Read-Host -AsSecureString), or set GEMINI_API_KEY";

        private static readonly Dictionary<string, Entry> s_entries = new Dictionary<string, Entry>(StringComparer.Ordinal)
        {
            // Service errors (ApiException) and the call's own limits.
            [C.ApiError] = Row(ErrorCategory.ProtocolError),
            [C.ApiKeyInvalid] = Row(ErrorCategory.AuthenticationError, "Check the key: " + SetKey + "."),
            [C.Unauthenticated] = Row(ErrorCategory.AuthenticationError, "Set a valid key: " + SetKey + "."),
            [C.InvalidApiKey] = Row(ErrorCategory.AuthenticationError, "Check the key: Set-GenAIConfiguration -ApiKey."),
            [C.PermissionDenied] = Row(ErrorCategory.PermissionDenied, "Pass an API key allowed to use the Generative Language API (Set-GenAIConfiguration -ApiKey)."),
            [C.ModelNotFound] = Row(ErrorCategory.ObjectNotFound, "List the available models with Get-GenAIModel and pass one of their names to -Model."),
            [C.NotFound] = Row(ErrorCategory.ObjectNotFound, "Check the name; list what exists with the matching Get-GenAI* cmdlet."),
            [C.RateLimited] = Row(ErrorCategory.QuotaExceeded, e => e is ApiException { RetryDelay: TimeSpan delay }
                ? $"Wait at least {delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and retry, or raise -MaximumRetryCount (and -TotalTimeoutSec) to let the module wait."
                : "Wait and retry, or raise -MaximumRetryCount to let the module wait."),
            [C.ServiceUnavailable] = Row(ErrorCategory.ResourceUnavailable, "The service is overloaded or down; retry later or raise -MaximumRetryCount."),
            [C.InternalServerError] = Row(ErrorCategory.ResourceUnavailable, "The service failed; retry later or raise -MaximumRetryCount. If it keeps failing, shorten the input."),
            [C.Timeout] = Row(ErrorCategory.OperationTimeout, e => e switch
            {
                RequestTimeoutException { IsOverall: true } => "Raise -TotalTimeoutSec, or retry later if the service is slow or overloaded.",
                RequestTimeoutException _ => "Raise -TimeoutSec, or retry later if the service is slow.",
                _ => "The service took too long; retry, raise -MaximumRetryCount, or shorten the prompt.",
            }),
            [C.InvalidArgument] = Row(ErrorCategory.InvalidArgument, e => e is ApiException
                ? "Correct the request: the message names the field or value the service refused." : null),
            [C.FailedPrecondition] = Row(ErrorCategory.InvalidOperation),
            [C.PayloadTooLarge] = Row(ErrorCategory.InvalidArgument, "Upload large files with Add-GenAIFile and pass the file object instead of inline data."),
            [C.Conflict] = Row(ErrorCategory.ResourceExists),
            [C.Cancelled] = Row(ErrorCategory.OperationStopped),
            [C.ConnectionFailed] = Row(ErrorCategory.ConnectionError, "Check the endpoint (Get-GenAIConfiguration), your network and proxy settings, then retry."),
            [C.ResponseParseFailed] = Row(ErrorCategory.InvalidData, "Retry the call; if it keeps failing, retry without -Stream to see the service's full reply."),
            [C.ResponseTooLarge] = Row(ErrorCategory.LimitsExceeded, "Check the endpoint (Get-GenAIConfiguration): it does not answer like the Gemini API."),
            [C.RedirectRefused] = Row(ErrorCategory.SecurityError, "Check the endpoint (Get-GenAIConfiguration -BaseUri): point it at the final address rather than one that redirects."),
            [C.InsecureEndpoint] = Row(ErrorCategory.SecurityError),
            [C.InvalidEndpoint] = Row(ErrorCategory.InvalidArgument),
            [C.FieldNotSupportedOverGrpc] = Row(ErrorCategory.NotImplemented,
                "Send this request over REST (-Transport Rest on the call, or Set-GenAIConfiguration -Transport Rest), or leave the setting out."),

            // Replies.
            [C.PromptBlocked] = Row(ErrorCategory.InvalidArgument, "Rephrase the prompt, or relax -SafetySetting for the category named in PromptFeedback."),
            [C.CandidateStopped] = Row(ErrorCategory.InvalidResult, e => (e as CandidateStoppedException)?.FinishReason switch
            {
                "SAFETY" => "Rephrase the prompt, or relax -SafetySetting for the category marked blocked in SafetyRatings.",
                "RECITATION" => "The reply resembled copyrighted material; rephrase the prompt or ask for a summary in your own terms.",
                _ => "Inspect the response's Candidates[0] (FinishReason, FinishMessage) and adjust the prompt.",
            }),
            [C.ResponseHasNoText] = Row(ErrorCategory.InvalidResult),
            [C.StreamInterrupted] = Row(ErrorCategory.ConnectionError, "Use the chunks already written, or send the prompt again."),
            [C.InvalidMediaData] = Row(ErrorCategory.InvalidData),

            // Prompt input.
            [C.EmptyPrompt] = Row(ErrorCategory.InvalidArgument, "Pass text or files to -Prompt (-Message for a chat), or pipe them in."),
            [C.AmbiguousPrompt] = Row(ErrorCategory.InvalidArgument),
            [C.UnsupportedInputType] = Row(ErrorCategory.InvalidType,
                "Pass strings, files (Get-Item/Get-ChildItem), byte arrays with -MimeType, or hashtables shaped like the API's parts and contents."),
            [C.UnrecognizedPart] = Row(ErrorCategory.InvalidArgument),
            [C.NestedTooDeep] = Row(ErrorCategory.InvalidArgument),
            [C.DuplicateKey] = Row(ErrorCategory.InvalidArgument),
            [C.MimeTypeRequired] = Row(ErrorCategory.InvalidArgument,
                "Pass the bytes with -MimeType, give the type in the part (@{ inline_data = @{ mime_type = 'image/png'; data = $bytes } }), or pass the file itself (Get-Item file.png)."),
            [C.UnknownFileType] = Row(ErrorCategory.InvalidType,
                "Pass -MimeType with the file's type, e.g. -MimeType image/png, -MimeType application/pdf or -MimeType text/plain; " +
                "or give it in the part: @{ inline_data = @{ mime_type = 'image/png'; data = (Get-Item file.png) } }."),
            [C.StreamNotReadable] = Row(ErrorCategory.InvalidArgument),
            [C.NotAFile] = Row(ErrorCategory.InvalidArgument, "Pass the files in it instead, e.g. Get-ChildItem <dir> -File | Invoke-GenerateContent."),
            [C.PathNotFound] = Row(ErrorCategory.ObjectNotFound),
            [C.FileNotFound] = Row(ErrorCategory.ObjectNotFound),
            [C.FileAccessDenied] = Row(ErrorCategory.PermissionDenied),
            [C.FileReadFailed] = Row(ErrorCategory.ReadError),
            [C.FileChanged] = Row(ErrorCategory.ReadError),

            // Files.
            [C.FileHasNoUri] = Row(ErrorCategory.InvalidArgument),
            [C.UploadFailed] = Row(ErrorCategory.WriteError),
            [C.FileProcessingFailed] = Row(ErrorCategory.InvalidResult),
            [C.FileProcessingTimedOut] = Row(ErrorCategory.OperationTimeout, "Wait, then check it with Get-GenAIFile; use it once its State is ACTIVE."),

            // Model settings, tools and function calling.
            [C.InvalidSafetySetting] = Row(ErrorCategory.InvalidArgument),
            [C.InvalidGenerationConfig] = Row(ErrorCategory.InvalidArgument),
            [C.InvalidSchema] = Row(ErrorCategory.InvalidArgument),
            [C.InvalidTool] = Row(ErrorCategory.InvalidArgument, e => e is InvalidInputException { Input: CommandInfo } || e.RecommendedAction == null
                ? null
                : e.RecommendedAction + " Your own commands can be passed as they are (Get-Command Get-Foo)."),
            [C.DuplicateFunctionName] = Row(ErrorCategory.InvalidArgument, "Declare each function once; remove the duplicate from -Tool."),
            [C.InvalidToolConfig] = Row(ErrorCategory.InvalidArgument),
            [C.FunctionCallingNeedsOneCandidate] = Row(ErrorCategory.InvalidArgument, "Drop -CandidateCount (or set it to 1) when using -AutomaticFunctionCalling."),

            // Cached contents.
            [C.CachedContentConflict] = Row(ErrorCategory.InvalidArgument),
            [C.CachedContentModel] = Row(ErrorCategory.InvalidOperation),
            [C.IncompleteCachedContent] = Row(ErrorCategory.InvalidArgument, "Use a cached content returned by New-GenAICachedContent or Get-GenAICachedContent."),
            [C.InvalidExpiration] = Row(ErrorCategory.InvalidArgument, "Pass -Ttl (a TimeSpan or seconds) or -ExpireTime (a future date), not both."),
            [C.DisplayNameTooLong] = Row(ErrorCategory.InvalidArgument),
            [C.ModelRequired] = Row(ErrorCategory.InvalidArgument),
            [C.NameRequired] = Row(ErrorCategory.InvalidArgument),
            [C.InvalidPageSize] = Row(ErrorCategory.InvalidArgument),

            // Chat sessions.
            [C.ChatMultipleCandidates] = Row(ErrorCategory.InvalidArgument,
                "Drop -CandidateCount (and candidateCount from the model's -GenerationConfig), or use Invoke-GenerateContent for several candidates."),
            [C.ChatHistoryEmpty] = Row(ErrorCategory.InvalidOperation),
            [C.ChatBusy] = Row(ErrorCategory.ResourceBusy,
                "Finish the turn first: read the whole stream (e.g. $chunks = Send-ChatMessage $chat 'hi' -Stream), then send the next message, " +
                "undo or change the history; or use a second session (Start-ChatSession -History $chat.History) for a side conversation."),
            [C.InvalidHistory] = Row(ErrorCategory.InvalidArgument),
            [C.InvalidChatSessionFile] = Row(ErrorCategory.InvalidData,
                "Pass a file written by Export-ChatSession (its first field is \"format\": \"" + ChatSessionDocument.CurrentFormat + "\")."),
            [C.UnknownChatCommand] = Row(ErrorCategory.InvalidArgument),
            [C.ChatCommandArgument] = Row(ErrorCategory.InvalidArgument),

            // Offline token counting.
            [C.TokenizerNotInstalled] = Row(ErrorCategory.ObjectNotFound,
                "Run Install-GenAITokenizer on a connected machine, or Install-GenAITokenizer -Path <tokenizer.model|tokenizer.json> with a copy of the file."),
            [C.TokenizerHashMismatch] = Row(ErrorCategory.InvalidData,
                "Use Google's unmodified Gemma 3 tokenizer.model (gemma3_cleaned_262144_v2.spiece.model) or tokenizer.json; a truncated or different file is refused."),
            [C.TokenizerDownloadFailed] = Row(ErrorCategory.ConnectionError,
                "Check the network and proxy (Set-GenAIConfiguration), or download the file on a connected machine and run Install-GenAITokenizer -Path <file>."),

            // Embeddings.
            [C.EmbeddingModelSettings] = Row(ErrorCategory.InvalidArgument,
                "Leave out -SystemInstruction, -Tool and -CachedContent, or count with a generative model."),
            [C.InvalidOutputDimensionality] = Row(ErrorCategory.InvalidArgument),
            [C.TitleRequiresRetrievalDocument] = Row(ErrorCategory.InvalidArgument),

            // Batches.
            [C.BatchFailed] = Row(ErrorCategory.InvalidOperation, "Check the input (Get-GenAIBatch shows the batch and its error), then start it again."),
            [C.BatchHasNoResults] = Row(ErrorCategory.InvalidOperation),
            [C.BatchNotFinished] = Row(ErrorCategory.InvalidOperation, "Wait for it first: Wait-GenAIBatch, or pipe it through Wait-GenAIBatch into Receive-GenAIBatch."),
            [C.BatchOutputMissing] = Row(ErrorCategory.InvalidOperation),
            [C.WaitTimedOut] = Row(ErrorCategory.OperationTimeout, "Wait again later (Wait-GenAIBatch), raise -TimeoutSec, or check it with Get-GenAIBatch."),
            [C.InvalidBatchName] = Row(ErrorCategory.InvalidArgument, "Pass the Name of a batch from Get-GenAIBatch, or the batch object itself."),
            [C.InvalidBatchInput] = Row(ErrorCategory.InvalidArgument),
            [C.DisplayNameRequired] = Row(ErrorCategory.InvalidArgument),

            // Raised by the PowerShell layer only; their actions are given where they are raised.
            [P.ApiKeyMissing] = Row(ErrorCategory.AuthenticationError),
            [P.ApiKeyNotPersisted] = Row(ErrorCategory.SecurityError),
            [P.ApiKeySecretUnavailable] = Row(ErrorCategory.ResourceUnavailable),
            [P.SecretManagementNotInstalled] = Row(ErrorCategory.NotInstalled),
            [P.VaultWithoutSecretName] = Row(ErrorCategory.InvalidArgument),
            [P.ProxyCredentialWithoutProxy] = Row(ErrorCategory.InvalidArgument),
            [P.InvalidProxy] = Row(ErrorCategory.InvalidArgument),
            [P.ConflictingParameters] = Row(ErrorCategory.InvalidArgument),
            [P.ConflictingModels] = Row(ErrorCategory.InvalidArgument),
            [P.AsJobNotSupported] = Row(ErrorCategory.InvalidOperation),
            [P.AsObjectNotStreamable] = Row(ErrorCategory.InvalidOperation),
            [P.ResponseNotJson] = Row(ErrorCategory.InvalidResult),
            [P.ResponseNotConvertible] = Row(ErrorCategory.InvalidResult),
            [P.FunctionCallingNotStreamable] = Row(ErrorCategory.InvalidOperation),
            [P.FunctionCallingNotBatched] = Row(ErrorCategory.InvalidOperation),
            [P.IncludeDetailRequiresOffline] = Row(ErrorCategory.InvalidArgument),
            [P.InvalidSystemInstruction] = Row(ErrorCategory.InvalidArgument),
            [P.InvalidCachedContent] = Row(ErrorCategory.InvalidArgument),
            [P.InvalidSpeechConfig] = Row(ErrorCategory.InvalidArgument),
            [P.ThinkingLevelAndBudget] = Row(ErrorCategory.InvalidArgument),
            [P.RecursiveSchema] = Row(ErrorCategory.InvalidArgument),
            [P.UnsupportedEmbeddingInput] = Row(ErrorCategory.InvalidType),
            [P.EmptyEmbeddingInput] = Row(ErrorCategory.InvalidArgument),
            [P.EmptyBatch] = Row(ErrorCategory.InvalidArgument),
            [P.InvalidMediaInput] = Row(ErrorCategory.InvalidType),
            [P.InvalidPath] = Row(ErrorCategory.InvalidArgument),
            [P.NotAFileSystemPath] = Row(ErrorCategory.InvalidArgument),
            [P.FolderNotFound] = Row(ErrorCategory.ObjectNotFound),
            [P.FileExists] = Row(ErrorCategory.ResourceExists),
            [P.SaveFailed] = Row(ErrorCategory.WriteError),
            [P.ExportFailed] = Row(ErrorCategory.WriteError),
            [P.ImportFailed] = Row(ErrorCategory.ReadError),
            [P.MultipleSessions] = Row(ErrorCategory.InvalidOperation),
            [P.TokenizerFileInvalid] = Row(ErrorCategory.InvalidArgument),
            [P.TokenizerInstallFailed] = Row(ErrorCategory.WriteError),
            [P.PSReadLineNotLoaded] = Row(ErrorCategory.ResourceUnavailable),
            [P.InvalidChord] = Row(ErrorCategory.InvalidArgument),
            [P.KeyHandlerNotFound] = Row(ErrorCategory.ObjectNotFound),
            [P.DotNetNotFound] = Row(ErrorCategory.ObjectNotFound),
            [P.EmulatorNotFound] = Row(ErrorCategory.ObjectNotFound),
            [P.EmulatorStartFailed] = Row(ErrorCategory.OpenError),
            [P.InvalidUpstream] = Row(ErrorCategory.InvalidArgument),
            [P.CassetteFolderNotFound] = Row(ErrorCategory.ObjectNotFound),
        };

        /// <summary>The row of <paramref name="errorCode"/>, or null for a code the table does not know.</summary>
        public static Entry? Find(string errorCode) => s_entries.TryGetValue(errorCode, out var entry) ? entry : null;

        public static ErrorCategory CategoryOf(string errorCode) => Find(errorCode)?.Category ?? ErrorCategory.NotSpecified;

        /// <summary>The module's wording of what to do about <paramref name="exception"/>, else the core's hint.</summary>
        public static string? RecommendedActionFor(GenAIException exception) =>
            Find(exception.ErrorCode)?.Action?.Invoke(exception) ?? exception.RecommendedAction;

        private static Entry Row(ErrorCategory category, string? action = null) =>
            new Entry(category, action == null ? null : _ => action);

        private static Entry Row(ErrorCategory category, Func<GenAIException, string?> action) => new Entry(category, action);
    }
}
