using System;
using System.Runtime.CompilerServices;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Open-addressing hash table from piece text to piece id that can be probed with a slice of a
    /// <see cref="char"/> buffer, so BPE candidate lookups never allocate.
    /// </summary>
    internal sealed class PieceTable
    {
        private readonly string[] _pieces;
        private readonly int[] _slots;   // piece id + 1; 0 = empty
        private readonly int[] _hashes;  // full hash of the piece in the slot
        private readonly int _mask;

        /// <summary>Longest piece in UTF-16 units.</summary>
        public int MaxLength { get; }

        public int Count { get; }

        [MethodImpl(Hot.Load)]
        public PieceTable(string[] pieces, Func<int, bool> include)
        {
            _pieces = pieces;
            int count = 0;
            for (int i = 0; i < pieces.Length; i++)
            {
                if (include(i)) count++;
            }

            int capacity = 16;
            while (capacity < count * 2) capacity <<= 1;
            _slots = new int[capacity];
            _hashes = new int[capacity];
            _mask = capacity - 1;

            int maxLength = 0;
            for (int id = 0; id < pieces.Length; id++)
            {
                if (!include(id)) continue;
                string p = pieces[id];
                int h = Hash(p, 0, p.Length);
                int slot = h & _mask;
                while (true)
                {
                    int existing = _slots[slot] - 1;
                    if (existing < 0)
                    {
                        _slots[slot] = id + 1;
                        _hashes[slot] = h;
                        Count++;
                        break;
                    }

                    // Duplicate piece text: SentencePiece keeps the first id (emplace semantics).
                    if (_hashes[slot] == h && string.Equals(_pieces[existing], p, StringComparison.Ordinal)) break;
                    slot = (slot + 1) & _mask;
                }

                if (p.Length > maxLength) maxLength = p.Length;
            }

            MaxLength = maxLength;
        }

        public int Find(string text) => Find(text, 0, text.Length);

        public int Find(string text, int start, int length)
        {
            if (length > MaxLength || length == 0) return -1;
            int h = Hash(text, start, length);
            int slot = h & _mask;
            while (true)
            {
                int id = _slots[slot] - 1;
                if (id < 0) return -1;
                if (_hashes[slot] == h)
                {
                    string p = _pieces[id];
                    if (p.Length == length && string.CompareOrdinal(p, 0, text, start, length) == 0) return id;
                }

                slot = (slot + 1) & _mask;
            }
        }

        public int Find(char[] buffer, int start, int length)
        {
            if (length > MaxLength || length == 0) return -1;
            int h = Hash(buffer, start, length);
            int slot = h & _mask;
            while (true)
            {
                int id = _slots[slot] - 1;
                if (id < 0) return -1;
                if (_hashes[slot] == h)
                {
                    string p = _pieces[id];
                    if (p.Length == length && Equal(p, buffer, start)) return id;
                }

                slot = (slot + 1) & _mask;
            }
        }

        private static bool Equal(string piece, char[] buffer, int start)
        {
#if NET8_0_OR_GREATER
            return piece.AsSpan().SequenceEqual(new ReadOnlySpan<char>(buffer, start, piece.Length));
#else
            for (int i = 0; i < piece.Length; i++)
            {
                if (piece[i] != buffer[start + i]) return false;
            }

            return true;
#endif
        }

        private static int Hash(string s, int start, int length)
        {
            uint h = 2166136261;
            int end = start + length;
            for (int i = start; i < end; i++) h = (h ^ s[i]) * 16777619;
            return Finish(h);
        }

        private static int Hash(char[] s, int start, int length)
        {
            uint h = 2166136261;
            int end = start + length;
            for (int i = start; i < end; i++) h = (h ^ s[i]) * 16777619;
            return Finish(h);
        }

        private static int Finish(uint h)
        {
            h ^= h >> 15;
            h *= 0x2c1b3c6d;
            h ^= h >> 12;
            return (int)h;
        }
    }
}
