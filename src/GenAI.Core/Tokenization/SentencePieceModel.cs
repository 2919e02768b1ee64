using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Globalization;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// The data of a SentencePiece BPE model, whatever file it came from: pieces, scores, types and the
    /// lookup structures the encoder needs. Immutable after construction and safe to share across threads.
    /// </summary>
    internal sealed class SentencePieceModel
    {
        public const char SpaceSymbol = '\u2581'; // '▁'

        public string[] Pieces { get; }
        public float[] Scores { get; }
        public SentencePieceType[] Types { get; }
        public bool ByteFallback { get; }
        public int UnknownId { get; }

        /// <summary>Pieces that can be merge targets or encoder output: NORMAL, USER_DEFINED (and UNUSED).</summary>
        public PieceTable MergeTable { get; }

        /// <summary>Id of each single BMP character in <see cref="MergeTable"/>, -1 when absent.</summary>
        public int[] CharIds { get; }

        /// <summary><c>&lt;0xNN&gt;</c> piece ids, -1 when absent.</summary>
        public int[] ByteIds { get; }

        public UserDefinedMatcher UserDefined { get; }

        /// <summary>
        /// Pieces that contain <c>▁</c> right after a character other than <c>▁</c>, with the offset of each
        /// such <c>▁</c>. The encoder splits text before a word-initial <c>▁</c> only where none of them
        /// occurs across the split (for Gemma 3 the single piece is <c>&gt;▁&lt;/</c>). Null disables splitting.
        /// </summary>
        public KeyValuePair<string, int>[]? CrossingPieces { get; }

        public string Source { get; }

        [MethodImpl(Hot.Load)]
        public SentencePieceModel(string[] pieces, float[] scores, SentencePieceType[] types, bool byteFallback, int unknownId, string source)
        {
            if (pieces.Length != scores.Length || pieces.Length != types.Length) throw new ArgumentException("pieces, scores and types must have the same length.");
            Pieces = pieces;
            Scores = scores;
            Types = types;
            ByteFallback = byteFallback;
            UnknownId = unknownId;
            Source = source;

            for (int i = 0; i < types.Length; i++)
            {
                if (types[i] == SentencePieceType.Unused)
                {
                    throw new NotSupportedException($"The tokenizer model '{source}' has UNUSED pieces (for example id {i} '{pieces[i]}'); resegmenting them is not implemented. Gemma 3 has none.");
                }
            }

            MergeTable = new PieceTable(pieces, id => IsMergeable(types[id]));

            CharIds = new int[65536];
            for (int c = 0; c < CharIds.Length; c++) CharIds[c] = -1;
            for (int id = 0; id < pieces.Length; id++)
            {
                string p = pieces[id];
                if (p.Length == 1 && IsMergeable(types[id]) && CharIds[p[0]] < 0) CharIds[p[0]] = id;
            }

            ByteIds = new int[256];
            for (int b = 0; b < 256; b++) ByteIds[b] = -1;
            for (int id = 0; id < pieces.Length; id++)
            {
                if (types[id] != SentencePieceType.Byte) continue;
                string p = pieces[id];
                if (p.Length == 6 && p.StartsWith("<0x", StringComparison.Ordinal) && p[5] == '>' &&
                    int.TryParse(p.Substring(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int b) &&
                    ByteIds[b] < 0)
                {
                    ByteIds[b] = id;
                }
            }

            if (byteFallback)
            {
                for (int b = 0; b < 256; b++)
                {
                    if (ByteIds[b] < 0) throw new NotSupportedException($"The tokenizer model '{source}' enables byte fallback but has no piece <0x{b:X2}>.");
                }
            }
            else if (unknownId < 0 || unknownId >= pieces.Length)
            {
                throw new NotSupportedException($"The tokenizer model '{source}' has neither byte fallback nor a valid unknown piece.");
            }

            UserDefined = new UserDefinedMatcher(pieces, types);

            var crossing = new List<KeyValuePair<string, int>>();
            for (int id = 0; id < pieces.Length; id++)
            {
                if (types[id] != SentencePieceType.Normal) continue;
                string p = pieces[id];
                for (int k = 1; k < p.Length; k++)
                {
                    if (p[k] == SpaceSymbol && p[k - 1] != SpaceSymbol) crossing.Add(new KeyValuePair<string, int>(p, k));
                }
            }

            CrossingPieces = crossing.Count <= 64 ? crossing.ToArray() : null;
        }

        public static bool IsMergeable(SentencePieceType type) =>
            type == SentencePieceType.Normal || type == SentencePieceType.UserDefined || type == SentencePieceType.Unused;
    }
}
