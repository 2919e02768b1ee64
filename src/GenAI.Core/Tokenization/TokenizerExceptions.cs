using System;
using System.IO;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// The Gemma 3 vocabulary needed for offline token counting is not in the tokenizer cache (or the cached
    /// file failed verification). The message says what to run: <c>Install-GenAITokenizer</c>.
    /// </summary>
    public sealed class TokenizerNotInstalledException : InvalidOperationException
    {
        public TokenizerNotInstalledException(string cacheDirectory, string? reason = null, Exception? inner = null)
            : base(BuildMessage(cacheDirectory, reason), inner)
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

        private static string BuildMessage(string cacheDirectory, string? reason)
        {
            string what = $"Offline token counting needs the Gemma 3 tokenizer vocabulary, which is not installed in '{cacheDirectory}'.";
            if (!string.IsNullOrEmpty(reason)) what += " " + reason;
            return what + " " + Guidance;
        }
    }

    /// <summary>A tokenizer file offered for installation is not one of the known, hash-pinned files.</summary>
    public sealed class TokenizerHashMismatchException : IOException
    {
        public TokenizerHashMismatchException(string source, string actualSha256)
            : base($"'{source}' is not a known Gemma 3 tokenizer file: its SHA-256 is {actualSha256}, expected " +
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
}
