using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>
    /// Exactness gate: the C# encoder and the independent node reference
    /// (tests/tools/tokenizer-reference/reference.mjs) must produce identical ids for every string of the fixed
    /// corpus and of 10,000 seeded random strings. Both implement SentencePiece semantics, so control-token
    /// literals (<c>&lt;bos&gt;</c>) and literal <c>▁</c> are included: they only differ from Hugging Face runtimes.
    /// </summary>
    public class ReferenceEqualityTests
    {
        public const int Seed = 20261125;
        public const int GeneratedCount = 10_000;

        private static readonly JsonSerializerOptions Readable = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        [NodeReferenceFact]
        public void IdsEqualNodeReferenceOnFixedCorpusAndGeneratedStrings()
        {
            GemmaTokenizer tok = TokenizerTestEnvironment.Tokenizer;
            TokenizerTestEnvironment.AssertPinnedVocabulary();
            List<string> generated = TokenizerCorpus.Generate(Seed, GeneratedCount);
            var strings = new List<string>(TokenizerCorpus.Fixed);
            strings.AddRange(generated);

            (int[] counts, int[][] ids) = RunReference(strings);
            Assert.Equal(strings.Count, counts.Length);

            var mismatches = new List<string>();
            int equalCounts = 0;
            long totalTokens = 0;
            for (int i = 0; i < strings.Count; i++)
            {
                int[] mine = tok.Encode(strings[i]).ToArray();
                totalTokens += mine.Length;
                if (mine.Length == counts[i]) equalCounts++;
                if (mine.Length == counts[i] && mine.SequenceEqual(ids[i])) continue;
                if (mismatches.Count < 10)
                {
                    string origin = i < TokenizerCorpus.Fixed.Count ? $"fixed[{i}]" : $"generated[{i - TokenizerCorpus.Fixed.Count}] (seed {Seed})";
                    mismatches.Add(
                        $"{origin} [{Category(strings[i])}] text={JsonSerializer.Serialize(strings[i], Readable)}\n" +
                        $"  C#   ({mine.Length}): {Pieces(tok, mine)}\n" +
                        $"  node ({counts[i]}): {Pieces(tok, ids[i])}");
                }
                else
                {
                    mismatches.Add(string.Empty);
                }
            }

            Assert.True(mismatches.Count == 0,
                $"{mismatches.Count} of {strings.Count} strings differ from the node reference ({equalCounts} equal counts, {totalTokens} tokens). First ones:\n" +
                string.Join("\n", mismatches.Where(m => m.Length > 0)));
            Assert.True(totalTokens > 500_000, $"corpus too small: {totalTokens} tokens");
        }

        private static string Pieces(GemmaTokenizer tok, int[] ids) =>
            string.Join("|", ids.Select(id => id >= 0 && id < tok.VocabularySize ? tok.IdToPiece(id) : $"#{id}"));

        private static string Category(string s)
        {
            if (new[] { "<bos>", "<eos>", "<pad>", "<unk>", "<image_soft_token>" }.Any(s.Contains)) return "control-literal";
            if (s.Contains('\u2581')) return "literal-▁";
            if (s.Any(char.IsSurrogate)) return "non-BMP";
            return "other";
        }

        /// <summary>Runs reference.mjs once over all strings. Its test is skipped, with the reason, when node is unavailable.</summary>
        private static (int[] Counts, int[][] Ids) RunReference(List<string> strings)
        {
            string tool = TokenizerTestEnvironment.ReferenceToolDirectory;
            string script = Path.Combine(tool, "reference.mjs");
            string input = Path.Combine(Path.GetTempPath(), $"genai-tok-in-{Guid.NewGuid():N}.json");
            string output = Path.Combine(Path.GetTempPath(), $"genai-tok-out-{Guid.NewGuid():N}.json");
            try
            {
                File.WriteAllText(input, JsonSerializer.Serialize(strings), new UTF8Encoding(false));
                var psi = new ProcessStartInfo("node")
                {
                    UseShellExecute = false,
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    WorkingDirectory = tool,
                };
                foreach (string a in new[] { script, "--vocab", TokenizerTestEnvironment.VocabularyPath, "--input", input, "--output", output, "--ids" }) psi.ArgumentList.Add(a);

                Process process;
                try
                {
                    process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null");
                }
                catch (Win32Exception e)
                {
                    throw new InvalidOperationException(
                        $"Node.js (>= 18) is required for the tokenizer equality test and was not found on PATH ({e.Message}). " +
                        $"Install it, then run: {TokenizerTestEnvironment.FetchCommand}", e);
                }

                using (process)
                {
                    var stderr = process.StandardError.ReadToEndAsync();
                    var stdout = process.StandardOutput.ReadToEndAsync();
                    if (!process.WaitForExit(600_000))
                    {
                        process.Kill(entireProcessTree: true);
                        throw new TimeoutException("reference.mjs did not finish within 10 minutes.");
                    }

                    Assert.True(process.ExitCode == 0, $"reference.mjs failed with exit code {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
                }

                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(output));
                int[] counts = doc.RootElement.GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                int[][] ids = doc.RootElement.GetProperty("ids").EnumerateArray().Select(a => a.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
                return (counts, ids);
            }
            finally
            {
                File.Delete(input);
                File.Delete(output);
            }
        }
    }
}
