using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>Published fixed vectors and SentencePiece-specific behaviour (vectors published for the Gemma 3 tokenizer).</summary>
    public class GemmaTokenizerTests
    {
        private static GemmaTokenizer Tok => TokenizerTestEnvironment.Tokenizer;

        [VocabularyFact]
        public void VocabularyIsThePinnedGemma3TokenizerJson()
        {
            TokenizerTestEnvironment.AssertPinnedVocabulary();
            Assert.Equal(262144, Tok.VocabularySize);
        }

        [VocabularyFact]
        public void PieceTypesMatchTheRealModel()
        {
            // Type counts of gemma3 tokenizer.model as parsed with sentencepiece_model_pb2.
            var counts = Enumerable.Range(0, Tok.VocabularySize).GroupBy(Tok.GetPieceType).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(255474, counts[SentencePieceType.Normal]);
            Assert.Equal(6410, counts[SentencePieceType.UserDefined]);
            Assert.Equal(256, counts[SentencePieceType.Byte]);
            Assert.Equal(3, counts[SentencePieceType.Control]);
            Assert.Equal(1, counts[SentencePieceType.Unknown]);
            Assert.Equal(SentencePieceType.Control, Tok.GetPieceType(2));
            Assert.Equal("<bos>", Tok.IdToPiece(2));
            Assert.Equal(SentencePieceType.UserDefined, Tok.GetPieceType(105));
            Assert.Equal("<0x00>", Tok.IdToPiece(238));
            Assert.Equal("<0xFF>", Tok.IdToPiece(493));
        }

        // Ground truth from real sentencepiece runs on gemma3 tokenizer.model, published by third parties.
        [VocabularyTheory]
        [InlineData("Hello, world!", new[] { 9259, 236764, 1902, 236888 })]
        [InlineData("The capital of France is", new[] { 818, 5279, 529, 7001, 563 })]
        [InlineData("1+1=2", new[] { 236770, 236862, 236770, 236784, 236778 })]
        [InlineData("def foo():\n    return 42", new[] { 2063, 46293, 6141, 107, 140, 2060, 236743, 236812, 236778 })]
        [InlineData("I'm don't can't", new[] { 236777, 236789, 236757, 1537, 236789, 236745, 740, 236789, 236745 })]
        [InlineData("Hello 你好", new[] { 9259, 43758, 237389 })]
        [InlineData("  spaces  and\ttabs", new[] { 138, 35220, 138, 624, 255968, 39218 })]
        [InlineData("emoji: 🎉🚀", new[] { 67906, 236787, 204906, 242015 })]
        [InlineData("What is your name?", new[] { 3689, 563, 822, 1463, 236881 })]
        [InlineData("<bos>Heyllo", new[] { 236820, 46757, 236813, 17531, 175343 })]
        [InlineData("<unused10> blahblahblah", new[] { 16, 66067, 232246, 232246 })]
        [InlineData("🫩", new[] { 478, 397, 409, 407 })]
        [InlineData("<start_of_turn>user\nWho are you?<end_of_turn>\n<start_of_turn>model", new[] { 105, 2364, 107, 15938, 659, 611, 236881, 106, 107, 105, 4368 })]
        // Derived tie-order probes (SentencePiece semantics over the reconstructed model, not third-party ground truth):
        // equal scores merge leftmost first; Microsoft.ML.Tokenizers merges rightmost and gets "ccooooo" = 2 tokens.
        [InlineData("aaaaa", new[] { 50354, 236746 })]
        [InlineData("zzzzz", new[] { 9961, 231064 })]
        [InlineData("ccooooo", new[] { 767, 65082, 236748 })]
        // Literal U+2581 next to a space: SentencePiece sees "▁▁▁" (Hugging Face tokenizers give 2 tokens).
        [InlineData(" ▁▁", new[] { 139 })]
        public void PublishedVectors(string text, int[] expected)
        {
            Assert.Equal(expected, Tok.Encode(text).ToArray());
            Assert.Equal(expected.Length, Tok.CountTokens(text));
        }

        [VocabularyFact]
        public void PiecesForDiagnostics()
        {
            Assert.Equal(new[] { "<", "bos", ">", "Hey", "llo" }, Tok.EncodeToPieces("<bos>Heyllo"));
            Assert.Equal(new[] { "<0xF0>", "<0x9F>", "<0xAB>", "<0xA9>" }, Tok.EncodeToPieces("🫩"));
            Assert.Equal(new[] { "cc", "oooo", "o" }, Tok.EncodeToPieces("ccooooo"));
        }

        [VocabularyFact]
        public void EmptyStringHasNoTokens()
        {
            Assert.Equal(0, Tok.CountTokens(string.Empty));
            Assert.Empty(Tok.Encode(string.Empty));
        }

        [VocabularyFact]
        public void ControlTokenLiteralsAreNotSpecial()
        {
            // Documented difference from Hugging Face tokenizers (transformers, @lenml): SentencePiece never matches
            // CONTROL/UNKNOWN pieces in text, so "<bos>" typed literally is 3 tokens, never id 2.
            foreach (string literal in new[] { "<bos>", "<eos>", "<pad>", "<unk>", "<image_soft_token>" })
            {
                IReadOnlyList<int> ids = Tok.Encode(literal);
                Assert.True(ids.Count > 1, literal);
                Assert.DoesNotContain(ids, id => Tok.GetPieceType(id) == SentencePieceType.Control || Tok.GetPieceType(id) == SentencePieceType.Unknown);
            }
        }

        [VocabularyFact]
        public void UserDefinedPiecesAreMatchedLongestFirstAndFrozen()
        {
            Assert.Equal(new[] { 105 }, Tok.Encode("<start_of_turn>").ToArray());
            Assert.Equal(new[] { "<unused0>", "<unused10>" }, Tok.EncodeToPieces("<unused0><unused10>"));
            // 40 spaces: the longest space run piece (31) then 9.
            Assert.Equal(new[] { new string('\u2581', 31), new string('\u2581', 9) }, Tok.EncodeToPieces(new string(' ', 40)));
            Assert.Equal(2, Tok.CountTokens("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"));
        }

        [VocabularyFact]
        public void NonBmpCharactersAreOneSymbolNotTwoSurrogates()
        {
            // U+1FACE is not in the vocabulary: 4 byte-fallback tokens (the JS SDK's UTF-16 port gives 6).
            Assert.Equal(new[] { "<0xF0>", "<0x9F>", "<0xAB>", "<0x8E>" }, Tok.EncodeToPieces("🫎"));
            // U+1F680 is a piece.
            Assert.Equal(new[] { 242015 }, Tok.Encode("🚀").ToArray());
        }

        [VocabularyFact]
        public void LoneSurrogatesAreEncodedAsReplacementCharacter()
        {
            // A .NET string can hold lone surrogates (Python's google-genai cannot encode them at all). They are
            // replaced with U+FFFD, exactly what UTF-8 encoding the string (Encoding.UTF8) would give.
            int fffd = Tok.CountTokens("\uFFFD");
            Assert.Equal(Tok.Encode("a\uFFFDb").ToArray(), Tok.Encode("a\uD800b").ToArray());
            Assert.Equal(Tok.Encode("a\uFFFDb").ToArray(), Tok.Encode("a\uDC00b").ToArray());
            Assert.Equal(Tok.Encode("x\uFFFD").ToArray(), Tok.Encode("x\uD83D").ToArray());
            Assert.Equal(Tok.Encode("\uFFFD\uFFFD").ToArray(), Tok.Encode("\uDC00\uD800").ToArray());
            Assert.Equal(1, fffd);
        }

        [VocabularyFact]
        public void CrossingPieceAcrossSpaceIsFound()
        {
            // ">▁</" is the only piece with a non-space before '▁'; word chunking must not cut it.
            Assert.Equal(new[] { "x", ">\u2581</", "y" }, Tok.EncodeToPieces("x> </y"));
            Assert.Equal(new[] { "b", ">\u2581</", "c" }, Tok.WithStrategy(2, splitWords: true).EncodeToPieces("b> </c"));
        }

        [VocabularyFact]
        public void AllStrategiesAgreeOnTheCorpus()
        {
            // Word chunking + linear scan (default), heap only, and no chunking at all must give identical ids.
            GemmaTokenizer heapOnly = Tok.WithStrategy(linearThreshold: 2, splitWords: true);
            GemmaTokenizer linearOnly = Tok.WithStrategy(linearThreshold: int.MaxValue, splitWords: true);
            GemmaTokenizer wholeText = Tok.WithStrategy(linearThreshold: 2, splitWords: false);
            foreach (string s in TokenizerCorpus.Fixed.Concat(TokenizerCorpus.Generate(seed: 7, count: 2000)))
            {
                int[] expected = Tok.Encode(s).ToArray();
                Assert.Equal(expected, heapOnly.Encode(s).ToArray());
                Assert.Equal(expected, wholeText.Encode(s).ToArray());
                if (s.Length < 3000) Assert.Equal(expected, linearOnly.Encode(s).ToArray());
                Assert.Equal(expected.Length, Tok.CountTokens(s));
            }
        }

        [VocabularyFact]
        public void LargeInputsAndNewlineAdditivity()
        {
            // ~440k code points without spaces or newlines: one chunk, heap path.
            string cjk = string.Concat(Enumerable.Repeat("中文文本：我们今天去公园散步，然后吃了饺子。", 20000));
            int c = Tok.CountTokens(cjk);
            Assert.Equal(c, Tok.WithStrategy(linearThreshold: 2, splitWords: false).CountTokens(cjk));
            Assert.True(c > 100_000);

            // '\n' is a frozen user-defined piece, so counts add up across a single newline.
            string english = TokenizerCorpus.EnglishText(3_000_000).TrimEnd('\n');
            Assert.Equal(Tok.CountTokens(english) + 1 + c, Tok.CountTokens(english + "\n" + cjk));
            Assert.Equal(4, Tok.CountTokens("Hello, world!")); // buffers were trimmed and still work
        }

        [VocabularyFact]
        public void IsThreadSafe()
        {
            string[] corpus = TokenizerCorpus.Generate(seed: 11, count: 400).ToArray();
            int[] expected = corpus.Select(Tok.CountTokens).ToArray();
            var results = new int[8][];
            System.Threading.Tasks.Parallel.For(0, results.Length, t => results[t] = corpus.Select(Tok.CountTokens).ToArray());
            foreach (int[] r in results) Assert.Equal(expected, r);
        }
    }
}
