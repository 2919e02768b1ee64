#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GenAI.Core.Tokenization;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>
    /// The <c>.model</c> (SentencePiece ModelProto) reader. The real gemma3 .model cannot be fetched in CI (GitHub
    /// is not reachable), so a ModelProto is written from the tokenizer.json-derived model and must
    /// encode identically; unsupported configurations must be refused.
    /// </summary>
    public class SentencePieceModelFileTests
    {
        private static readonly Lazy<byte[]> s_converted = new Lazy<byte[]>(() => WriteModelProto(TokenizerTestEnvironment.Tokenizer, Normalizer()));

        [VocabularyFact]
        public void ModelProtoEncodesLikeTokenizerJson()
        {
            GemmaTokenizer json = TokenizerTestEnvironment.Tokenizer;
            GemmaTokenizer model = GemmaTokenizer.Load(s_converted.Value, "converted.model");
            Assert.Equal(json.VocabularySize, model.VocabularySize);
            for (int id = 0; id < json.VocabularySize; id++)
            {
                if (json.GetPieceType(id) != model.GetPieceType(id) || json.IdToPiece(id) != model.IdToPiece(id)) Assert.Fail($"piece {id} differs");
            }

            foreach (string s in TokenizerCorpus.Fixed.Concat(TokenizerCorpus.Generate(seed: 5, count: 1000)))
            {
                Assert.Equal(json.Encode(s).ToArray(), model.Encode(s).ToArray());
            }
        }

        [VocabularyFact]
        public void LoadDetectsFormatFromContent()
        {
            string path = Path.Combine(Path.GetTempPath(), $"genai-{Guid.NewGuid():N}.bin");
            try
            {
                File.WriteAllBytes(path, s_converted.Value);
                Assert.Equal(new[] { 9259, 236764, 1902, 236888 }, GemmaTokenizer.Load(path).Encode("Hello, world!").ToArray());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("dummy-prefix")]
        [InlineData("remove-whitespace")]
        [InlineData("charsmap")]
        [InlineData("no-normalizer-spec")]
        [InlineData("unigram")]
        public void UnsupportedConfigurationsAreRefused(string variant)
        {
            var tiny = TinyModel();
            byte[] normalizer = variant switch
            {
                "dummy-prefix" => Normalizer(addDummyPrefix: true),
                "remove-whitespace" => Normalizer(removeExtraWhitespaces: true),
                "charsmap" => Normalizer(charsMap: new byte[] { 1, 2, 3, 4 }),
                "no-normalizer-spec" => Array.Empty<byte>(), // proto2 defaults: add_dummy_prefix = remove_extra_whitespaces = true
                _ => Normalizer(),
            };
            byte[] data = WriteModelProto(tiny.Pieces, tiny.Scores, tiny.Types, normalizer, modelType: variant == "unigram" ? 1 : 2, omitNormalizer: variant == "no-normalizer-spec");
            Assert.Throws<NotSupportedException>(() => GemmaTokenizer.Load(data, "x.model"));
        }

        [Fact]
        public void TinyModelWorks()
        {
            var tiny = TinyModel();
            GemmaTokenizer t = GemmaTokenizer.Load(WriteModelProto(tiny.Pieces, tiny.Scores, tiny.Types, Normalizer()), "tiny.model");
            Assert.Equal(new[] { "ab", "▁", "c" }, t.EncodeToPieces("ab c"));
            Assert.Equal(new[] { "<0xC3>", "<0xA9>" }, t.EncodeToPieces("é"));
        }

        [VocabularyFact]
        public void CorruptFilesAreRejected()
        {
            byte[] data = s_converted.Value;
            Assert.Throws<InvalidDataException>(() => GemmaTokenizer.Load(data.Take(1000).ToArray(), "truncated.model"));
            Assert.Throws<InvalidDataException>(() => GemmaTokenizer.Load(new byte[] { 0x0F, 0xFF }, "garbage.model"));
            Assert.ThrowsAny<Exception>(() => GemmaTokenizer.Load(Encoding.UTF8.GetBytes("{\"model\":{\"type\":\"Unigram\"}}"), "x.json"));
        }

        private static (string[] Pieces, float[] Scores, SentencePieceType[] Types) TinyModel()
        {
            var pieces = new List<string> { "<pad>", "<eos>", "<bos>", "<unk>" };
            var types = new List<SentencePieceType> { SentencePieceType.Control, SentencePieceType.Control, SentencePieceType.Control, SentencePieceType.Unknown };
            for (int b = 0; b < 256; b++)
            {
                pieces.Add($"<0x{b:X2}>");
                types.Add(SentencePieceType.Byte);
            }

            foreach (string p in new[] { "a", "b", "c", "\u2581", "ab" })
            {
                pieces.Add(p);
                types.Add(SentencePieceType.Normal);
            }

            float[] scores = pieces.Select(p => p == "ab" ? -1f : 0f).ToArray();
            return (pieces.ToArray(), scores, types.ToArray());
        }

        internal static byte[] Normalizer(bool addDummyPrefix = false, bool removeExtraWhitespaces = false, byte[]? charsMap = null)
        {
            var w = new ProtoWriter();
            w.String(1, "identity");
            if (charsMap != null) w.Bytes(2, charsMap);
            w.Varint(3, addDummyPrefix ? 1UL : 0UL);
            w.Varint(4, removeExtraWhitespaces ? 1UL : 0UL);
            w.Varint(5, 1);
            return w.ToArray();
        }

        private static byte[] WriteModelProto(GemmaTokenizer t, byte[] normalizer)
        {
            var model = t.Model;
            return WriteModelProto(model.Pieces, model.Scores, model.Types, normalizer);
        }

        /// <summary>Writes a ModelProto with every field Gemma needs set explicitly (proto2 defaults are wrong for Gemma).</summary>
        internal static byte[] WriteModelProto(string[] pieces, float[] scores, SentencePieceType[] types, byte[] normalizer, int modelType = 2, bool omitNormalizer = false)
        {
            var w = new ProtoWriter();
            for (int i = 0; i < pieces.Length; i++)
            {
                var p = new ProtoWriter();
                p.String(1, pieces[i]);
                p.Float(2, scores[i]);
                p.Varint(3, (ulong)types[i]);
                w.Bytes(1, p.ToArray());
            }

            var trainer = new ProtoWriter();
            trainer.Varint(3, (ulong)modelType);
            trainer.Varint(4, (ulong)pieces.Length);
            trainer.Varint(35, 1);
            trainer.Varint(40, 3);
            trainer.Varint(41, 2);
            trainer.Varint(42, 1);
            trainer.Varint(43, 0);
            w.Bytes(2, trainer.ToArray());
            if (!omitNormalizer) w.Bytes(3, normalizer);
            return w.ToArray();
        }

        internal sealed class ProtoWriter
        {
            private readonly MemoryStream _s = new MemoryStream();

            public void Varint(int field, ulong value)
            {
                Raw((ulong)(field << 3));
                Raw(value);
            }

            public void Float(int field, float value)
            {
                Raw((ulong)((field << 3) | 5));
                _s.Write(BitConverter.GetBytes(value), 0, 4);
            }

            public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

            public void Bytes(int field, byte[] value)
            {
                Raw((ulong)((field << 3) | 2));
                Raw((ulong)value.Length);
                _s.Write(value, 0, value.Length);
            }

            private void Raw(ulong v)
            {
                while (v >= 0x80)
                {
                    _s.WriteByte((byte)(v | 0x80));
                    v >>= 7;
                }

                _s.WriteByte((byte)v);
            }

            public byte[] ToArray() => _s.ToArray();
        }
    }
}
