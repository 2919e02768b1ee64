using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Reads the few fields of a serialized SentencePiece <c>ModelProto</c> (<c>.model</c> file) that a BPE encoder
    /// needs, with a minimal protobuf wire-format reader (no Google.Protobuf dependency):
    /// <c>pieces{piece=1, score=2, type=3}</c> (field 1), <c>trainer_spec{model_type=3, treat_whitespace_as_suffix=24,
    /// byte_fallback=35, unk_id=40}</c> (field 2) and <c>normalizer_spec{name=1, precompiled_charsmap=2,
    /// add_dummy_prefix=3, remove_extra_whitespaces=4, escape_whitespaces=5}</c> (field 3). proto2 defaults apply
    /// to absent fields. Only the Gemma configuration (BPE, identity normalizer, no dummy prefix, whitespace kept
    /// and escaped to U+2581) is accepted; anything else throws <see cref="NotSupportedException"/>.
    /// </summary>
    internal static class SentencePieceModelLoader
    {
        private const int BpeModelType = 2;

        [MethodImpl(Hot.Load)]
        public static SentencePieceModel Load(byte[] data, string source)
        {
            var pieces = new List<string>(270000);
            var scores = new List<float>(270000);
            var types = new List<SentencePieceType>(270000);

            int modelType = 1;            // UNIGRAM
            bool byteFallback = false;
            bool whitespaceAsSuffix = false;
            int unkId = 0;
            string? normalizerName = null;
            int charsMapLength = 0;
            bool addDummyPrefix = true;
            bool removeExtraWhitespaces = true;
            bool escapeWhitespaces = true;

            var top = new ProtoReader(data, 0, data.Length, source);
            while (top.Next(out int field, out int wire))
            {
                if (field == 1 && wire == 2)
                {
                    var p = top.Message();
                    string piece = string.Empty;
                    float score = 0f;
                    int type = 1;
                    while (p.Next(out int f, out int w))
                    {
                        if (f == 1 && w == 2) piece = p.String();
                        else if (f == 2 && w == 5) score = p.Float();
                        else if (f == 3 && w == 0) type = (int)p.Varint();
                        else p.Skip(w);
                    }

                    if (type < 1 || type > 6) throw new InvalidDataException($"'{source}': piece {pieces.Count} has unknown type {type}.");
                    pieces.Add(piece);
                    scores.Add(score);
                    types.Add((SentencePieceType)type);
                }
                else if (field == 2 && wire == 2)
                {
                    var t = top.Message();
                    while (t.Next(out int f, out int w))
                    {
                        if (f == 3 && w == 0) modelType = (int)t.Varint();
                        else if (f == 24 && w == 0) whitespaceAsSuffix = t.Varint() != 0;
                        else if (f == 35 && w == 0) byteFallback = t.Varint() != 0;
                        else if (f == 40 && w == 0) unkId = (int)t.Varint();
                        else t.Skip(w);
                    }
                }
                else if (field == 3 && wire == 2)
                {
                    var n = top.Message();
                    while (n.Next(out int f, out int w))
                    {
                        if (f == 1 && w == 2) normalizerName = n.String();
                        else if (f == 2 && w == 2) charsMapLength = n.Bytes().Count;
                        else if (f == 3 && w == 0) addDummyPrefix = n.Varint() != 0;
                        else if (f == 4 && w == 0) removeExtraWhitespaces = n.Varint() != 0;
                        else if (f == 5 && w == 0) escapeWhitespaces = n.Varint() != 0;
                        else n.Skip(w);
                    }
                }
                else
                {
                    top.Skip(wire);
                }
            }

            if (pieces.Count == 0) throw new InvalidDataException($"'{source}' is not a SentencePiece model: it has no pieces.");
            if (modelType != BpeModelType) throw new NotSupportedException($"'{source}': SentencePiece model type {modelType} is not supported; only BPE (2) is.");
            if (addDummyPrefix || removeExtraWhitespaces || !escapeWhitespaces || whitespaceAsSuffix || charsMapLength != 0)
            {
                throw new NotSupportedException(
                    $"'{source}': unsupported SentencePiece normalizer (name={normalizerName ?? "(none)"}, precompiled_charsmap={charsMapLength} bytes, " +
                    $"add_dummy_prefix={addDummyPrefix}, remove_extra_whitespaces={removeExtraWhitespaces}, escape_whitespaces={escapeWhitespaces}, " +
                    $"treat_whitespace_as_suffix={whitespaceAsSuffix}). Only Gemma's identity normalizer is implemented; install Google's Gemma 3 tokenizer.json instead.");
            }

            return new SentencePieceModel(pieces.ToArray(), scores.ToArray(), types.ToArray(), byteFallback, unkId, source);
        }

        /// <summary>Protobuf wire-format reader over a byte range.</summary>
        private struct ProtoReader
        {
            private readonly byte[] _data;
            private readonly int _end;
            private readonly string _source;
            private int _pos;

            public ProtoReader(byte[] data, int start, int end, string source)
            {
                _data = data;
                _pos = start;
                _end = end;
                _source = source;
            }

            public bool Next(out int field, out int wire)
            {
                if (_pos >= _end)
                {
                    field = 0;
                    wire = 0;
                    return false;
                }

                ulong tag = Varint();
                field = (int)(tag >> 3);
                wire = (int)(tag & 7);
                if (field == 0) throw Corrupt("field number 0");
                return true;
            }

            public ulong Varint()
            {
                ulong result = 0;
                for (int shift = 0; shift < 64; shift += 7)
                {
                    if (_pos >= _end) throw Corrupt("truncated varint");
                    byte b = _data[_pos++];
                    result |= (ulong)(b & 0x7F) << shift;
                    if ((b & 0x80) == 0) return result;
                }

                throw Corrupt("varint too long");
            }

            public float Float()
            {
                if (_end - _pos < 4) throw Corrupt("truncated fixed32");
                int bits = _data[_pos] | (_data[_pos + 1] << 8) | (_data[_pos + 2] << 16) | (_data[_pos + 3] << 24);
                _pos += 4;
                return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
            }

            public ArraySegment<byte> Bytes()
            {
                ulong length = Varint();
                if (length > (ulong)(_end - _pos)) throw Corrupt("truncated length-delimited field");
                var segment = new ArraySegment<byte>(_data, _pos, (int)length);
                _pos += (int)length;
                return segment;
            }

            public string String()
            {
                ArraySegment<byte> b = Bytes();
                return Encoding.UTF8.GetString(b.Array!, b.Offset, b.Count);
            }

            public ProtoReader Message()
            {
                ArraySegment<byte> b = Bytes();
                return new ProtoReader(_data, b.Offset, b.Offset + b.Count, _source);
            }

            public void Skip(int wire)
            {
                switch (wire)
                {
                    case 0: Varint(); break;
                    case 1: Advance(8); break;
                    case 2: Bytes(); break;
                    case 5: Advance(4); break;
                    default: throw Corrupt($"unsupported wire type {wire}");
                }
            }

            private void Advance(int n)
            {
                if (_end - _pos < n) throw Corrupt("truncated field");
                _pos += n;
            }

            private InvalidDataException Corrupt(string what) =>
                new InvalidDataException($"'{_source}' is not a valid SentencePiece model file ({what} at byte {_pos}).");
        }
    }
}
