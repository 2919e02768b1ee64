using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Longest-prefix matcher over the USER_DEFINED pieces (SentencePiece's <c>PrefixMatcher</c>):
    /// a character trie with a flat array for the first character so that the common "no user-defined
    /// piece starts here" case is one array read.
    /// </summary>
    internal sealed class UserDefinedMatcher
    {
        private readonly int[] _root = new int[65536];          // first char -> node, -1 = none
        private readonly Dictionary<long, int> _edges = new Dictionary<long, int>();
        private readonly List<int> _terminal = new List<int>();   // node -> piece id or -1

        public int Count { get; }

        [MethodImpl(Hot.Load)]
        public UserDefinedMatcher(string[] pieces, SentencePieceType[] types)
        {
            for (int i = 0; i < _root.Length; i++) _root[i] = -1;
            for (int id = 0; id < pieces.Length; id++)
            {
                if (types[id] != SentencePieceType.UserDefined) continue;
                string p = pieces[id];
                if (p.Length == 0) continue;
                int node = _root[p[0]];
                if (node < 0)
                {
                    node = NewNode();
                    _root[p[0]] = node;
                }

                for (int k = 1; k < p.Length; k++)
                {
                    long key = ((long)node << 16) | p[k];
                    if (!_edges.TryGetValue(key, out int child))
                    {
                        child = NewNode();
                        _edges.Add(key, child);
                    }

                    node = child;
                }

                // Keep the first id for duplicate texts, as SentencePiece does.
                if (_terminal[node] < 0) _terminal[node] = id;
                Count++;
            }
        }

        private int NewNode()
        {
            _terminal.Add(-1);
            return _terminal.Count - 1;
        }

        /// <summary>True when some user-defined piece starts with <paramref name="c"/>.</summary>
        public bool CanStart(char c) => _root[c] >= 0;

        /// <summary>Longest user-defined piece that is a prefix of <c>buffer[start..end)</c>; -1 when none.</summary>
        public int LongestMatch(char[] buffer, int start, int end, out int length)
        {
            length = 0;
            int node = _root[buffer[start]];
            if (node < 0) return -1;
            int best = _terminal[node];
            if (best >= 0) length = 1;
            for (int i = start + 1; i < end; i++)
            {
                if (!_edges.TryGetValue(((long)node << 16) | buffer[i], out node)) break;
                int t = _terminal[node];
                if (t >= 0)
                {
                    best = t;
                    length = i - start + 1;
                }
            }

            return best;
        }
    }
}
