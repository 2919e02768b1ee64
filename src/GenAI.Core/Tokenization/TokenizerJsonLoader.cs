using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Builds a SentencePiece BPE model from a Hugging Face <c>tokenizer.json</c> produced from a SentencePiece
    /// model (Gemma 3's): pieces and ids from <c>model.vocab</c>; piece types rebuilt from <c>added_tokens</c>
    /// and the <c>&lt;0xNN&gt;</c> pattern; piece scores synthesised from the merge list as
    /// <c>-(rank of the first merge producing the piece)</c>. Only the merge order matters to BPE, and the HF
    /// converter emits merges in piece-score order, so this reproduces SentencePiece's ordering.
    /// </summary>
    internal static class TokenizerJsonLoader
    {
        private static readonly HashSet<string> ControlPieces = new HashSet<string>(StringComparer.Ordinal)
        {
            "<pad>", "<eos>", "<bos>", "<s>", "</s>",
        };

        [MethodImpl(Hot.Load)]
        public static SentencePieceModel Load(byte[] json, string source)
        {
            var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };
            ReadOnlySpan<byte> span = json;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
            var reader = new Utf8JsonReader(span, options);

            string[]? pieces = null;
            float[]? scores = null;
            var added = new List<KeyValuePair<int, (string Content, bool Special)>>();
            string? modelType = null;
            string? unkToken = null;
            bool byteFallback = false;
            bool sawMerges = false;

            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, source, "a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "added_tokens":
                        ReadAddedTokens(ref reader, added, source);
                        break;
                    case "normalizer":
                        CheckNormalizer(ref reader, source);
                        break;
                    case "model":
                        Expect(reader.TokenType == JsonTokenType.StartObject, source, "\"model\" to be an object");
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            string key = reader.GetString()!;
                            reader.Read();
                            switch (key)
                            {
                                case "type":
                                    modelType = reader.GetString();
                                    break;
                                case "unk_token":
                                    unkToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                                    break;
                                case "byte_fallback":
                                    byteFallback = reader.TokenType == JsonTokenType.True;
                                    break;
                                case "vocab":
                                    pieces = ReadVocab(ref reader, source);
                                    break;
                                case "merges":
                                    Expect(pieces != null, source, "\"vocab\" before \"merges\"");
                                    scores = ReadMergeScores(ref reader, pieces!, source);
                                    sawMerges = true;
                                    break;
                                default:
                                    reader.Skip();
                                    break;
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (!string.Equals(modelType, "BPE", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"'{source}': model type '{modelType ?? "(none)"}' is not supported; a SentencePiece-derived BPE tokenizer.json (Gemma 3) is expected.");
            }

            Expect(pieces != null && sawMerges, source, "\"model.vocab\" and \"model.merges\"");
            var types = new SentencePieceType[pieces!.Length];
            for (int id = 0; id < types.Length; id++) types[id] = IsBytePiece(pieces[id]) ? SentencePieceType.Byte : SentencePieceType.Normal;

            int unkId = -1;
            foreach (var a in added)
            {
                int id = a.Key;
                // HF-only additions beyond the SentencePiece vocabulary (Gemma 3's <image_soft_token>) are not pieces.
                if (id < 0 || id >= pieces.Length || !string.Equals(pieces[id], a.Value.Content, StringComparison.Ordinal)) continue;
                if (types[id] == SentencePieceType.Byte) continue;
                if (unkToken != null && string.Equals(a.Value.Content, unkToken, StringComparison.Ordinal))
                {
                    types[id] = SentencePieceType.Unknown;
                    unkId = id;
                }
                else if (a.Value.Special && ControlPieces.Contains(a.Value.Content))
                {
                    types[id] = SentencePieceType.Control;
                }
                else
                {
                    types[id] = SentencePieceType.UserDefined;
                }
            }

            // SentencePiece gives USER_DEFINED pieces score 0; CONTROL/UNKNOWN/BYTE are never merge targets.
            for (int id = 0; id < types.Length; id++)
            {
                if (types[id] != SentencePieceType.Normal) scores![id] = 0f;
            }

            return new SentencePieceModel(pieces, scores!, types, byteFallback, unkId, source);
        }

        private static void Expect(bool condition, string source, string what)
        {
            if (!condition) throw new InvalidDataException($"'{source}' is not a supported tokenizer.json: expected {what}.");
        }

        private static bool IsBytePiece(string p)
        {
            return p.Length == 6 && p[0] == '<' && p[1] == '0' && p[2] == 'x' && p[5] == '>' && IsUpperHex(p[3]) && IsUpperHex(p[4]);
        }

        private static bool IsUpperHex(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');

        private static void ReadAddedTokens(ref Utf8JsonReader reader, List<KeyValuePair<int, (string, bool)>> added, string source)
        {
            Expect(reader.TokenType == JsonTokenType.StartArray, source, "\"added_tokens\" to be an array");
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                int id = -1;
                string? content = null;
                bool special = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    switch (key)
                    {
                        case "id": id = reader.GetInt32(); break;
                        case "content": content = reader.GetString(); break;
                        case "special": special = reader.TokenType == JsonTokenType.True; break;
                        default: reader.Skip(); break;
                    }
                }

                if (content != null) added.Add(new KeyValuePair<int, (string, bool)>(id, (content, special)));
            }
        }

        private static void CheckNormalizer(ref Utf8JsonReader reader, string source)
        {
            if (reader.TokenType == JsonTokenType.Null) return;
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            JsonElement n = doc.RootElement;
            bool ok = n.ValueKind == JsonValueKind.Object &&
                      n.TryGetProperty("type", out JsonElement type) && type.ValueEquals("Replace") &&
                      n.TryGetProperty("pattern", out JsonElement pattern) && pattern.ValueKind == JsonValueKind.Object &&
                      pattern.TryGetProperty("String", out JsonElement from) && from.ValueEquals(" ") &&
                      n.TryGetProperty("content", out JsonElement to) && to.ValueEquals("\u2581");
            if (!ok)
            {
                throw new NotSupportedException($"'{source}': only the Gemma normalizer (Replace \" \" -> \"\u2581\") is supported, found {n.GetRawText()}.");
            }
        }

        [MethodImpl(Hot.Load)]
        private static string[] ReadVocab(ref Utf8JsonReader reader, string source)
        {
            Expect(reader.TokenType == JsonTokenType.StartObject, source, "\"model.vocab\" to be an object");
            var entries = new List<KeyValuePair<string, int>>(270000);
            int max = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string piece = reader.GetString()!;
                reader.Read();
                int id = reader.GetInt32();
                Expect(id >= 0, source, "non-negative ids");
                entries.Add(new KeyValuePair<string, int>(piece, id));
                if (id > max) max = id;
            }

            var pieces = new string[max + 1];
            foreach (var e in entries)
            {
                Expect(pieces[e.Value] == null, source, "unique ids in \"model.vocab\"");
                pieces[e.Value] = e.Key;
            }

            for (int i = 0; i < pieces.Length; i++) Expect(pieces[i] != null, source, "contiguous ids in \"model.vocab\"");
            return pieces;
        }

        [MethodImpl(Hot.Load)]
        private static float[] ReadMergeScores(ref Utf8JsonReader reader, string[] pieces, string source)
        {
            Expect(reader.TokenType == JsonTokenType.StartArray, source, "\"model.merges\" to be an array");
            var table = new PieceTable(pieces, _ => true);
            var scores = new float[pieces.Length];
            var seen = new bool[pieces.Length];
            var buffer = new char[4 * table.MaxLength + 16];
            int rank = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int length;
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // ["left", "right"]
                    reader.Read();
                    int left = CopyString(ref reader, buffer, 0, source);
                    reader.Read();
                    int right = left < 0 ? TooLong : CopyString(ref reader, buffer, left, source);
                    reader.Read();
                    Expect(reader.TokenType == JsonTokenType.EndArray, source, "merges as [left, right] pairs");
                    length = left + right;
                }
                else
                {
                    // Legacy "left right" strings.
                    int all = CopyString(ref reader, buffer, 0, source);
                    int space = all < 0 ? -1 : Array.IndexOf(buffer, ' ', 0, all);
                    Expect(all < 0 || space > 0, source, "merges as \"left right\" strings");
                    if (space > 0) Array.Copy(buffer, space + 1, buffer, space, all - space - 1);
                    length = all - 1;
                }

                int id = length > 0 ? table.Find(buffer, 0, length) : -1;
                if (id >= 0 && !seen[id])
                {
                    seen[id] = true;
                    scores[id] = -rank;
                }

                rank++;
            }

            return scores;
        }

        private const int TooLong = -(1 << 24);

        private static int CopyString(ref Utf8JsonReader reader, char[] buffer, int offset, string source)
        {
            Expect(reader.TokenType == JsonTokenType.String, source, "merge entries to be strings");
            int max = buffer.Length - offset;
            int needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (needed > max)
            {
                // The escaped UTF-8 form may be longer than the text; decode it to find out.
                string s = reader.GetString()!;
                if (s.Length > max) return TooLong;
                s.CopyTo(0, buffer, offset, s.Length);
                return s.Length;
            }

            return reader.CopyString(new Span<char>(buffer, offset, max));
        }
    }
}
