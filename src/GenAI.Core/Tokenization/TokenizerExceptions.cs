using System;
using GenAI.Core.Errors;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// The Gemma 3 vocabulary needed for offline token counting is not in the tokenizer cache (or the cached
    /// file failed verification). The message says which files are accepted; front ends say how to install one.
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

        /// <summary>What the vocabulary is and where it is looked for: the files accepted, their hashes, the folder variable.</summary>
        public static string Requirement =>
            "It is Google's Gemma 3 SentencePiece model (gemma3 tokenizer.model, SHA-256 " + TokenizerCache.ModelSha256 + ") " +
            "or Google's Gemma 3 tokenizer.json (SHA-256 " + TokenizerCache.TokenizerJsonSha256 + "), downloaded and verified by SHA-256 " +
            "or installed from a copy of either file. Set " + TokenizerCache.EnvironmentVariable + " to use another cache folder.";

        private static string BuildMessage(string cacheDirectory, string? reason)
        {
            string what = $"Offline token counting needs the Gemma 3 tokenizer vocabulary, which is not installed in '{cacheDirectory}'.";
            if (!string.IsNullOrEmpty(reason)) what += " " + reason;
            return what + " " + Requirement;
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
    }
}
