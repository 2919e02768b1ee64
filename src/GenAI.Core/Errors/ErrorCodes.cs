namespace GenAI.Core.Errors
{
    /// <summary>
    /// Every <see cref="GenAIException.ErrorCode"/> the core and its transports raise, in one place: a stable, PascalCase
    /// identifier that front ends turn into their own error ids (the PowerShell module's are "GenAI.&lt;Code&gt;").
    /// Service errors are classified by <see cref="ApiException"/>; the gRPC transport maps its statuses to the same codes.
    /// </summary>
    public static class ErrorCodes
    {
        /// <summary>The service answered with an error status this module has no more specific code for.</summary>
        public const string ApiError = "ApiError";

        /// <summary>The service refused the API key (ErrorInfo reason API_KEY_INVALID).</summary>
        public const string ApiKeyInvalid = "ApiKeyInvalid";

        /// <summary>The service answered 401: the request carried no usable credentials.</summary>
        public const string Unauthenticated = "Unauthenticated";

        /// <summary>The service answered 403: the key may not use this API or resource.</summary>
        public const string PermissionDenied = "PermissionDenied";

        /// <summary>The service answered 404 for a model name.</summary>
        public const string ModelNotFound = "ModelNotFound";

        /// <summary>The service answered 404 (or a 403 meaning "not found") for a file, cache, batch or other resource.</summary>
        public const string NotFound = "NotFound";

        /// <summary>The service answered 429: a quota or rate limit was reached.</summary>
        public const string RateLimited = "RateLimited";

        /// <summary>The service answered 502 or 503: it is overloaded or down.</summary>
        public const string ServiceUnavailable = "ServiceUnavailable";

        /// <summary>The service answered 500.</summary>
        public const string InternalServerError = "InternalServerError";

        /// <summary>A call did not finish in time: an attempt's timeout, the overall deadline, or a 408/504 from the service.</summary>
        public const string Timeout = "Timeout";

        /// <summary>The service answered 400 INVALID_ARGUMENT: it refused a field or value of the request.</summary>
        public const string InvalidArgument = "InvalidArgument";

        /// <summary>The service answered 400 FAILED_PRECONDITION: the request is valid but not in this state or region.</summary>
        public const string FailedPrecondition = "FailedPrecondition";

        /// <summary>The service refused the request because its payload exceeds the size limit.</summary>
        public const string PayloadTooLarge = "PayloadTooLarge";

        /// <summary>The service answered 409: the resource already exists or changed meanwhile.</summary>
        public const string Conflict = "Conflict";

        /// <summary>The service answered 499: the call was cancelled.</summary>
        public const string Cancelled = "Cancelled";

        /// <summary>The connection failed (DNS, refused, reset, TLS) before a complete reply arrived.</summary>
        public const string ConnectionFailed = "ConnectionFailed";

        /// <summary>The service replied with something that is not the expected JSON.</summary>
        public const string ResponseParseFailed = "ResponseParseFailed";

        /// <summary>A reply is larger than any real reply; reading stopped.</summary>
        public const string ResponseTooLarge = "ResponseTooLarge";

        /// <summary>The service redirected to another origin or from https to http; the redirect was not followed.</summary>
        public const string RedirectRefused = "RedirectRefused";

        /// <summary>A plain http:// endpoint that is not this machine: the key would travel unencrypted.</summary>
        public const string InsecureEndpoint = "InsecureEndpoint";

        /// <summary>The endpoint is not an absolute http(s) URI.</summary>
        public const string InvalidEndpoint = "InvalidEndpoint";

        /// <summary>The API key has characters that cannot be sent in a header.</summary>
        public const string InvalidApiKey = "InvalidApiKey";

        /// <summary>The service blocked the prompt (promptFeedback.blockReason).</summary>
        public const string PromptBlocked = "PromptBlocked";

        /// <summary>The candidate stopped for a reason other than STOP or MAX_TOKENS.</summary>
        public const string CandidateStopped = "CandidateStopped";

        /// <summary>A reply's text was asked for, but the reply has none.</summary>
        public const string ResponseHasNoText = "ResponseHasNoText";

        /// <summary>A stream failed after some chunks were delivered.</summary>
        public const string StreamInterrupted = "StreamInterrupted";

        /// <summary>The prompt or message has nothing to send.</summary>
        public const string EmptyPrompt = "EmptyPrompt";

        /// <summary>The prompt mixes whole contents and loose parts.</summary>
        public const string AmbiguousPrompt = "AmbiguousPrompt";

        /// <summary>A prompt item is of a type that cannot be sent to the model.</summary>
        public const string UnsupportedInputType = "UnsupportedInputType";

        /// <summary>A hashtable in the prompt is neither a part nor a content.</summary>
        public const string UnrecognizedPart = "UnrecognizedPart";

        /// <summary>A value passed as JSON is nested more than 64 levels deep.</summary>
        public const string NestedTooDeep = "NestedTooDeep";

        /// <summary>Two keys of a hashtable read as the same JSON name.</summary>
        public const string DuplicateKey = "DuplicateKey";

        /// <summary>Raw bytes or a file were given without a MIME type the module can infer.</summary>
        public const string MimeTypeRequired = "MimeTypeRequired";

        /// <summary>A file's type cannot be inferred from its name, so it cannot be sent as inline data.</summary>
        public const string UnknownFileType = "UnknownFileType";

        /// <summary>A stream given as inline data cannot be read.</summary>
        public const string StreamNotReadable = "StreamNotReadable";

        /// <summary>A directory was given where a file is needed.</summary>
        public const string NotAFile = "NotAFile";

        /// <summary>A file or folder path does not exist.</summary>
        public const string PathNotFound = "PathNotFound";

        /// <summary>A file named in the input does not exist.</summary>
        public const string FileNotFound = "FileNotFound";

        /// <summary>A file cannot be read: access is denied.</summary>
        public const string FileAccessDenied = "FileAccessDenied";

        /// <summary>A file cannot be read (locked, I/O error).</summary>
        public const string FileReadFailed = "FileReadFailed";

        /// <summary>A file changed size while it was being uploaded.</summary>
        public const string FileChanged = "FileChanged";

        /// <summary>A file object has no URI yet, so it cannot be referenced in a prompt.</summary>
        public const string FileHasNoUri = "FileHasNoUri";

        /// <summary>An upload to the Files API did not complete.</summary>
        public const string UploadFailed = "UploadFailed";

        /// <summary>The service could not process an uploaded file (its State is FAILED).</summary>
        public const string FileProcessingFailed = "FileProcessingFailed";

        /// <summary>An uploaded file did not become ACTIVE in time.</summary>
        public const string FileProcessingTimedOut = "FileProcessingTimedOut";

        /// <summary>A safety setting names an unknown category or threshold.</summary>
        public const string InvalidSafetySetting = "InvalidSafetySetting";

        /// <summary>A generation config value is out of range or of the wrong type.</summary>
        public const string InvalidGenerationConfig = "InvalidGenerationConfig";

        /// <summary>A response schema is not valid JSON or uses a keyword the API does not accept.</summary>
        public const string InvalidSchema = "InvalidSchema";

        /// <summary>A tool is not a valid function declaration or built-in tool.</summary>
        public const string InvalidTool = "InvalidTool";

        /// <summary>A function is declared more than once in the tools.</summary>
        public const string DuplicateFunctionName = "DuplicateFunctionName";

        /// <summary>A tool config is not a valid function calling mode or shape.</summary>
        public const string InvalidToolConfig = "InvalidToolConfig";

        /// <summary>Automatic function calling got a reply with more than one candidate.</summary>
        public const string FunctionCallingNeedsOneCandidate = "FunctionCallingNeedsOneCandidate";

        /// <summary>Tools, tool config or a system instruction were set on a model built from cached content.</summary>
        public const string CachedContentConflict = "CachedContentConflict";

        /// <summary>The model of a chat cannot change while it uses a cached content of another model.</summary>
        public const string CachedContentModel = "CachedContentModel";

        /// <summary>A cached content object has no name or model.</summary>
        public const string IncompleteCachedContent = "IncompleteCachedContent";

        /// <summary>A cached content's expiration is in the past, or both a TTL and an expire time were given.</summary>
        public const string InvalidExpiration = "InvalidExpiration";

        /// <summary>A display name is longer than the service accepts.</summary>
        public const string DisplayNameTooLong = "DisplayNameTooLong";

        /// <summary>A model name is required and was not given.</summary>
        public const string ModelRequired = "ModelRequired";

        /// <summary>A resource name is required and was not given.</summary>
        public const string NameRequired = "NameRequired";

        /// <summary>A page size is out of the service's range.</summary>
        public const string InvalidPageSize = "InvalidPageSize";

        /// <summary>A chat session needs one candidate per reply, and more were asked for.</summary>
        public const string ChatMultipleCandidates = "ChatMultipleCandidates";

        /// <summary>The chat history has no complete turn to take back.</summary>
        public const string ChatHistoryEmpty = "ChatHistoryEmpty";

        /// <summary>A chat session is busy with a turn in flight.</summary>
        public const string ChatBusy = "ChatBusy";

        /// <summary>A chat history is not a valid alternation of user and model turns.</summary>
        public const string InvalidHistory = "InvalidHistory";

        /// <summary>A file is not a chat session file this version can read.</summary>
        public const string InvalidChatSessionFile = "InvalidChatSessionFile";

        /// <summary>A line of the interactive chat starts with '/' but names no chat command.</summary>
        public const string UnknownChatCommand = "UnknownChatCommand";

        /// <summary>An interactive chat command got an argument it does not take, or lacks one it needs.</summary>
        public const string ChatCommandArgument = "ChatCommandArgument";

        /// <summary>Offline token counting needs the tokenizer vocabulary, which is not installed.</summary>
        public const string TokenizerNotInstalled = "TokenizerNotInstalled";

        /// <summary>A tokenizer file offered for installation is not one of the known, hash-pinned files.</summary>
        public const string TokenizerHashMismatch = "TokenizerHashMismatch";

        /// <summary>Downloading the tokenizer failed.</summary>
        public const string TokenizerDownloadFailed = "TokenizerDownloadFailed";

        /// <summary>A model setting that does not apply to embedding models was given with one.</summary>
        public const string EmbeddingModelSettings = "EmbeddingModelSettings";

        /// <summary>An embedding's output dimensionality is not a positive number.</summary>
        public const string InvalidOutputDimensionality = "InvalidOutputDimensionality";

        /// <summary>An embedding title was given for a task type other than RETRIEVAL_DOCUMENT.</summary>
        public const string TitleRequiresRetrievalDocument = "TitleRequiresRetrievalDocument";

        /// <summary>A media part's data is not valid base64.</summary>
        public const string InvalidMediaData = "InvalidMediaData";

        /// <summary>The batch failed; it has no results.</summary>
        public const string BatchFailed = "BatchFailed";

        /// <summary>The batch ended without results (cancelled or expired).</summary>
        public const string BatchHasNoResults = "BatchHasNoResults";

        /// <summary>The batch has not finished; its results are not ready.</summary>
        public const string BatchNotFinished = "BatchNotFinished";

        /// <summary>The batch succeeded but its output is not available yet.</summary>
        public const string BatchOutputMissing = "BatchOutputMissing";

        /// <summary>Waiting for a batch exceeded its timeout.</summary>
        public const string WaitTimedOut = "WaitTimedOut";

        /// <summary>A value is not a batch name.</summary>
        public const string InvalidBatchName = "InvalidBatchName";

        /// <summary>A batch input file has a line that is not a batch request.</summary>
        public const string InvalidBatchInput = "InvalidBatchInput";

        /// <summary>A batch needs a display name.</summary>
        public const string DisplayNameRequired = "DisplayNameRequired";

        /// <summary>A request field or value cannot be sent over gRPC.</summary>
        public const string FieldNotSupportedOverGrpc = "FieldNotSupportedOverGrpc";
    }
}
