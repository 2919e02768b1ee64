namespace GenAI.PowerShell.Errors
{
    /// <summary>
    /// The codes of errors only the PowerShell layer raises (parameter combinations, provider paths, PSReadLine,
    /// SecretManagement, the emulator launcher). The codes the core raises are in <see cref="GenAI.Core.Errors.ErrorCodes"/>;
    /// both become ErrorIds "GenAI.&lt;Code&gt;" through <see cref="ErrorTable"/>, which has an entry for each.
    /// </summary>
    internal static class PowerShellErrorCodes
    {
        /// <summary>No API key is configured.</summary>
        public const string ApiKeyMissing = "ApiKeyMissing";

        /// <summary>The API key cannot be saved to a file on this system.</summary>
        public const string ApiKeyNotPersisted = "ApiKeyNotPersisted";

        /// <summary>The API key could not be read from its SecretManagement secret.</summary>
        public const string ApiKeySecretUnavailable = "ApiKeySecretUnavailable";

        /// <summary>The API key is to come from a secret, but SecretManagement is not installed.</summary>
        public const string SecretManagementNotInstalled = "SecretManagementNotInstalled";

        /// <summary>-Vault was given without -ApiKeySecretName.</summary>
        public const string VaultWithoutSecretName = "VaultWithoutSecretName";

        /// <summary>-ProxyCredential was given without -Proxy.</summary>
        public const string ProxyCredentialWithoutProxy = "ProxyCredentialWithoutProxy";

        /// <summary>The proxy is not an absolute http:// or https:// URI.</summary>
        public const string InvalidProxy = "InvalidProxy";

        /// <summary>Two parameters that exclude each other were given together.</summary>
        public const string ConflictingParameters = "ConflictingParameters";

        /// <summary>Two models were given to one call.</summary>
        public const string ConflictingModels = "ConflictingModels";

        /// <summary>-AsJob cannot be combined with another parameter given.</summary>
        public const string AsJobNotSupported = "AsJobNotSupported";

        /// <summary>-AsObject cannot be combined with -Stream.</summary>
        public const string AsObjectNotStreamable = "AsObjectNotStreamable";

        /// <summary>-AsObject could not read the reply as JSON.</summary>
        public const string ResponseNotJson = "ResponseNotJson";

        /// <summary>The reply could not be converted to the requested type.</summary>
        public const string ResponseNotConvertible = "ResponseNotConvertible";

        /// <summary>Automatic function calling cannot be combined with -Stream.</summary>
        public const string FunctionCallingNotStreamable = "FunctionCallingNotStreamable";

        /// <summary>Automatic function calling cannot run the calls of a batch of prompts.</summary>
        public const string FunctionCallingNotBatched = "FunctionCallingNotBatched";

        /// <summary>-IncludeDetail was given without -Offline.</summary>
        public const string IncludeDetailRequiresOffline = "IncludeDetailRequiresOffline";

        /// <summary>The system instruction is empty or not text.</summary>
        public const string InvalidSystemInstruction = "InvalidSystemInstruction";

        /// <summary>-CachedContent is not a cached content's name or object.</summary>
        public const string InvalidCachedContent = "InvalidCachedContent";

        /// <summary>The speech settings contradict each other.</summary>
        public const string InvalidSpeechConfig = "InvalidSpeechConfig";

        /// <summary>-ThinkingLevel and -ThinkingBudget were given together.</summary>
        public const string ThinkingLevelAndBudget = "ThinkingLevelAndBudget";

        /// <summary>A .NET type used as a response schema contains itself.</summary>
        public const string RecursiveSchema = "RecursiveSchema";

        /// <summary>A value that is neither text nor a text file was given to embed.</summary>
        public const string UnsupportedEmbeddingInput = "UnsupportedEmbeddingInput";

        /// <summary>The text to embed is empty.</summary>
        public const string EmptyEmbeddingInput = "EmptyEmbeddingInput";

        /// <summary>A batch has no requests.</summary>
        public const string EmptyBatch = "EmptyBatch";

        /// <summary>Save-GenAIContent got a value that holds no media.</summary>
        public const string InvalidMediaInput = "InvalidMediaInput";

        /// <summary>A path cannot be used as given.</summary>
        public const string InvalidPath = "InvalidPath";

        /// <summary>A path is on a provider other than the file system.</summary>
        public const string NotAFileSystemPath = "NotAFileSystemPath";

        /// <summary>The destination folder does not exist.</summary>
        public const string FolderNotFound = "FolderNotFound";

        /// <summary>The output file exists and -NoClobber keeps it.</summary>
        public const string FileExists = "FileExists";

        /// <summary>A media file could not be written.</summary>
        public const string SaveFailed = "SaveFailed";

        /// <summary>A chat session could not be written to its file.</summary>
        public const string ExportFailed = "ExportFailed";

        /// <summary>A chat session file could not be read.</summary>
        public const string ImportFailed = "ImportFailed";

        /// <summary>More than one chat session was piped to one file.</summary>
        public const string MultipleSessions = "MultipleSessions";

        /// <summary>-Path of Install-GenAITokenizer does not name exactly one file.</summary>
        public const string TokenizerFileInvalid = "TokenizerFileInvalid";

        /// <summary>The tokenizer could not be written into its cache folder.</summary>
        public const string TokenizerInstallFailed = "TokenizerInstallFailed";

        /// <summary>PSReadLine is not loaded, so key handlers cannot be set.</summary>
        public const string PSReadLineNotLoaded = "PSReadLineNotLoaded";

        /// <summary>PSReadLine cannot bind the chord given.</summary>
        public const string InvalidChord = "InvalidChord";

        /// <summary>The chord has no GenAI key handler.</summary>
        public const string KeyHandlerNotFound = "KeyHandlerNotFound";

        /// <summary>No dotnet host was found to run the emulator.</summary>
        public const string DotNetNotFound = "DotNetNotFound";

        /// <summary>The emulator is not where the module expects it.</summary>
        public const string EmulatorNotFound = "EmulatorNotFound";

        /// <summary>The emulator process did not start.</summary>
        public const string EmulatorStartFailed = "EmulatorStartFailed";

        /// <summary>The emulator's recording upstream is not https (or http on this machine).</summary>
        public const string InvalidUpstream = "InvalidUpstream";

        /// <summary>The emulator's cassette folder does not exist.</summary>
        public const string CassetteFolderNotFound = "CassetteFolderNotFound";
    }
}
