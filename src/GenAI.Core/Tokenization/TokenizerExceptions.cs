using System;
using GenAI.Core.Errors;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// The Gemma 3 vocabulary needed for offline token counting is not in the tokenizer cache (or the cached
    /// file failed verification). The message says what to run: <c>Install-GenAITokenizer</c>.
    /// </summary>
    public sealed class TokenizerNotInstalledException : GenAIException
    {
        public TokenizerNotInstalledException(string cacheDirectory, string? reason = null, Exception? inner = null)
            : base(ErrorCodes.TokenizerNotInstalled, BuildMessage(cacheDirectory, reason), inner)
        {
            CacheDirectory = cacheDirectory;
            Reason = reason;
        }

        /// <summary>The cache folder that was searched.</summary>
        public string CacheDirectory { get; }

        /// <summary>Why an existing file was not usable, when one was found; otherwise null.</summary>
        public string? Reason { get; }

        /// <summary>The guidance part of the message (what to run).</summary>
        public static string Guidance =>
            "Run 'Install-GenAITokenizer' to download it (Google's Gemma 3 SentencePiece model, verified by SHA-256), " +
            "or, offline, 'Install-GenAITokenizer -Path <file>' with a copy of that model " +
            $"(gemma3 tokenizer.model, SHA-256 {TokenizerCache.ModelSha256}) or of Google's Gemma 3 tokenizer.json " +
            $"(SHA-256 {TokenizerCache.TokenizerJsonSha256}). Set {TokenizerCache.EnvironmentVariable} to use another cache folder.";

        public override string RecommendedAction =>
            "Run Install-GenAITokenizer on a connected machine, or Install-GenAITokenizer -Path <tokenizer.model|tokenizer.json> with a copy of the file.";

        private static string BuildMessage(string cacheDirectory, string? reason)
        {
            string what = $"Offline token counting needs the Gemma 3 tokenizer vocabulary, which is not installed in '{cacheDirectory}'.";
            if (!string.IsNullOrEmpty(reason)) what += " " + reason;
            return what + " " + Guidance;
        }
    }

    /// <summary>A tokenizer file offered for installation is not one of the known, hash-pinned files.</summary>
    public sealed class TokenizerHashMismatchException : GenAIException
    {
        public TokenizerHashMismatchException(string source, string actualSha256)
            : base(ErrorCodes.TokenizerHashMismatch,
                   $"'{source}' is not a known Gemma 3 tokenizer file: its SHA-256 is {actualSha256}, expected " +
                   $"{TokenizerCache.ModelSha256} (gemma3 SentencePiece tokenizer.model) or {TokenizerCache.TokenizerJsonSha256} (Gemma 3 tokenizer.json). " +
                   "The file was not installed.")
        {
            SourcePath = source;
            ActualSha256 = actualSha256;
        }

        /// <summary>Path or URI of the rejected file.</summary>
        public string SourcePath { get; }

        /// <summary>Lower-case hex SHA-256 of the rejected file.</summary>
        public string ActualSha256 { get; }

        public override string RecommendedAction =>
            "Use Google's unmodified Gemma 3 tokenizer.model (gemma3_cleaned_262144_v2.spiece.model) or tokenizer.json; a truncated or different file is refused.";
    }

    /// <summary>Downloading a tokenizer file failed (HTTP error, connection failure, timeout, or an oversized reply).</summary>
    public sealed class TokenizerDownloadException : GenAIException
    {
        public TokenizerDownloadException(Uri source, string message, int? statusCode = null, Exception? inner = null)
            : base(ErrorCodes.TokenizerDownloadFailed, message, inner)
        {
            SourceUri = source;
            StatusCode = statusCode;
        }

        /// <summary>The URI that was requested.</summary>
        public Uri SourceUri { get; }

        /// <summary>The HTTP status when the server answered with an error; null for connection failures.</summary>
        public int? StatusCode { get; }

        public override string RecommendedAction =>
            "Check the network and proxy (Set-GenAIConfiguration), or download the file on a connected machine and run Install-GenAITokenizer -Path <file>.";
    }
}
