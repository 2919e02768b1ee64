using System;
using System.Collections.Generic;
using System.IO;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Offline SentencePiece BPE encoder with the exact semantics of <c>sentencepiece</c>'s <c>bpe_model.cc</c>
    /// for Google's Gemma 3 model (what google-genai's <c>LocalTokenizer</c> uses for current Gemini models):
    /// <list type="number">
    /// <item>normalisation: every <c>' '</c> becomes <c>'▁'</c> (U+2581); no dummy prefix, no whitespace
    /// collapsing, no Unicode normalisation (Gemma's identity normaliser). Lone UTF-16 surrogates, which have no
    /// UTF-8 form, are replaced by U+FFFD (what UTF-8 encoding a .NET string does);</item>
    /// <item>the normalised text is split into symbols left to right: the longest USER_DEFINED piece that is a
    /// prefix (frozen, never merged), otherwise one Unicode code point (never half a surrogate pair);</item>
    /// <item>adjacent symbols whose concatenation is a piece are merged, highest piece score first and, on equal
    /// scores, the leftmost pair first, until no pair is a piece;</item>
    /// <item>symbols that are not pieces become their UTF-8 bytes as <c>&lt;0xNN&gt;</c> pieces (byte fallback).</item>
    /// </list>
    /// CONTROL pieces are never produced from text: a literal <c>&lt;bos&gt;</c> encodes as <c>&lt;</c>, <c>bos</c>,
    /// <c>&gt;</c> (Hugging Face tokenizers give one token there). No BOS/EOS is added.
    /// Instances are immutable and thread-safe.
    /// </summary>
    public sealed class GemmaTokenizer
    {
        private const char Space = SentencePieceModel.SpaceSymbol;

        private readonly SentencePieceModel _model;
        private readonly int _linearThreshold;
        private readonly bool _splitWords;

        [ThreadStatic]
        private static Scratch? t_scratch;

        private GemmaTokenizer(SentencePieceModel model, int linearThreshold = 40, bool splitWords = true)
        {
            _model = model;
            _linearThreshold = Math.Max(2, linearThreshold);
            _splitWords = splitWords && model.CrossingPieces != null;
        }

        /// <summary>Number of pieces (262,144 for Gemma 3).</summary>
        public int VocabularySize => _model.Pieces.Length;

        /// <summary>Where the vocabulary was loaded from.</summary>
        public string Source => _model.Source;

        /// <summary>
        /// Loads a Hugging Face <c>tokenizer.json</c> (Gemma 3's) or a SentencePiece <c>.model</c> file, chosen by
        /// content. No hash is checked here; <see cref="TokenizerCache"/> verifies the known files.
        /// </summary>
        /// <exception cref="InvalidDataException">The file is neither format or is corrupt.</exception>
        /// <exception cref="NotSupportedException">The model uses features this encoder does not implement.</exception>
        public static GemmaTokenizer Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            byte[] data = File.ReadAllBytes(path);
            return Load(data, path);
        }

        /// <summary>Loads a <c>tokenizer.json</c> or <c>.model</c> from memory, chosen by content.</summary>
        public static GemmaTokenizer Load(byte[] data, string sourceName)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            return new GemmaTokenizer(LooksLikeJson(data)
                ? TokenizerJsonLoader.Load(data, sourceName)
                : SentencePieceModelLoader.Load(data, sourceName));
        }

        internal static bool LooksLikeJson(byte[] data)
        {
            int i = 0;
            if (data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) i = 3;
            while (i < data.Length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
            return i < data.Length && data[i] == (byte)'{';
        }

        /// <summary>Same vocabulary, different internal strategy; for tests that compare strategies.</summary>
        internal GemmaTokenizer WithStrategy(int linearThreshold, bool splitWords) => new GemmaTokenizer(_model, linearThreshold, splitWords);

        internal SentencePieceModel Model => _model;

        /// <summary>The piece text of <paramref name="id"/> (<c>▁</c> stands for a space).</summary>
        public string IdToPiece(int id) => _model.Pieces[id];

        /// <summary>The SentencePiece type of <paramref name="id"/>.</summary>
        public SentencePieceType GetPieceType(int id) => _model.Types[id];

        /// <summary>Number of tokens of <paramref name="text"/> (no BOS/EOS), as <c>len(sp.encode(text))</c>.</summary>
        public int CountTokens(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return EncodeCore(text, null);
        }

        /// <summary>Token ids of <paramref name="text"/> (no BOS/EOS).</summary>
        public IReadOnlyList<int> Encode(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var ids = new List<int>(text.Length / 3 + 4);
            EncodeCore(text, ids);
            return ids;
        }

        /// <summary>Pieces of <paramref name="text"/>, for diagnostics (byte-fallback pieces appear as <c>&lt;0xNN&gt;</c>).</summary>
        public string[] EncodeToPieces(string text)
        {
            IReadOnlyList<int> ids = Encode(text);
            var pieces = new string[ids.Count];
            for (int i = 0; i < pieces.Length; i++) pieces[i] = _model.Pieces[ids[i]];
            return pieces;
        }

        private int EncodeCore(string text, List<int>? ids)
        {
            int n = text.Length;
            if (n == 0) return 0;
            Scratch s = t_scratch ??= new Scratch();
            char[] buf = s.Normalize(text);
            s.PreviousUnknown = false;

            UserDefinedMatcher ud = _model.UserDefined;
            int count = 0;
            int chunkStart = 0;
            int i = 0;
            while (i < n)
            {
                char c = buf[i];
                if (ud.CanStart(c))
                {
                    int id = ud.LongestMatch(buf, i, n, out int length);
                    if (id >= 0)
                    {
                        if (i > chunkStart) count += EncodeChunk(s, buf, chunkStart, i, ids);
                        count += Emit(s, buf, i, length, id, ids);
                        i += length;
                        chunkStart = i;
                        continue;
                    }
                }

                // No piece spans the boundary before a word-initial '▁' except the known "crossing" pieces
                // (Gemma 3: ">▁</"), so merges on either side are independent and the text can be cut there.
                if (c == Space && _splitWords && i > chunkStart && buf[i - 1] != Space && !Crosses(buf, i, n))
                {
                    count += EncodeChunk(s, buf, chunkStart, i, ids);
                    chunkStart = i;
                }

                i += char.IsHighSurrogate(c) ? 2 : 1;
            }

            if (n > chunkStart) count += EncodeChunk(s, buf, chunkStart, n, ids);
            s.Trim();
            return count;
        }

        private bool Crosses(char[] buf, int i, int n)
        {
            foreach (KeyValuePair<string, int> entry in _model.CrossingPieces!)
            {
                string piece = entry.Key;
                int start = i - entry.Value;
                if (start < 0 || start + piece.Length > n) continue;
                int k = 0;
                while (k < piece.Length && buf[start + k] == piece[k]) k++;
                if (k == piece.Length) return true;
            }

            return false;
        }

        /// <summary>BPE over the non-frozen symbols of <c>buf[start..end)</c>.</summary>
        private int EncodeChunk(Scratch s, char[] buf, int start, int end, List<int>? ids)
        {
            s.EnsureSymbols(end - start);
            int[] sStart = s.Start, sLen = s.Len, sId = s.Id;
            int[] charIds = _model.CharIds;
            int m = 0;
            for (int p = start; p < end;)
            {
                char c = buf[p];
                int length = char.IsHighSurrogate(c) ? 2 : 1;
                sStart[m] = p;
                sLen[m] = length;
                sId[m] = length == 1 ? charIds[c] : _model.MergeTable.Find(buf, p, 2);
                m++;
                p += length;
            }

            if (m == 1) return Emit(s, buf, sStart[0], sLen[0], sId[0], ids);
            return m <= _linearThreshold ? MergeLinear(s, buf, m, ids) : MergeWithHeap(s, buf, m, ids);
        }

        /// <summary>Short chunks: scan all adjacent pairs for the best (highest score, then leftmost) each round.</summary>
        private int MergeLinear(Scratch s, char[] buf, int m, List<int>? ids)
        {
            int[] sStart = s.Start, sLen = s.Len, sId = s.Id, cId = s.CandidateId;
            float[] cScore = s.CandidateScore;
            for (int k = 0; k < m - 1; k++) SetCandidate(s, buf, k);

            while (m > 1)
            {
                int best = -1;
                float bestScore = 0f;
                for (int k = 0; k < m - 1; k++)
                {
                    if (cId[k] >= 0 && (best < 0 || cScore[k] > bestScore))
                    {
                        best = k;
                        bestScore = cScore[k];
                    }
                }

                if (best < 0) break;

                sLen[best] += sLen[best + 1];
                sId[best] = cId[best];
                int moved = m - best - 2;
                if (moved > 0)
                {
                    Array.Copy(sStart, best + 2, sStart, best + 1, moved);
                    Array.Copy(sLen, best + 2, sLen, best + 1, moved);
                    Array.Copy(sId, best + 2, sId, best + 1, moved);
                }

                int movedPairs = m - best - 3;
                if (movedPairs > 0)
                {
                    Array.Copy(cId, best + 2, cId, best + 1, movedPairs);
                    Array.Copy(cScore, best + 2, cScore, best + 1, movedPairs);
                }

                m--;
                if (best > 0) SetCandidate(s, buf, best - 1);
                if (best < m - 1) SetCandidate(s, buf, best);
            }

            int count = 0;
            for (int k = 0; k < m; k++) count += Emit(s, buf, sStart[k], sLen[k], sId[k], ids);
            return count;
        }

        private void SetCandidate(Scratch s, char[] buf, int k)
        {
            int id = _model.MergeTable.Find(buf, s.Start[k], s.Len[k] + s.Len[k + 1]);
            s.CandidateId[k] = id;
            if (id >= 0) s.CandidateScore[k] = _model.Scores[id];
        }

        /// <summary>Long chunks: sentencepiece's agenda (max-heap on score, then leftmost) over a linked list.</summary>
        private int MergeWithHeap(Scratch s, char[] buf, int m, List<int>? ids)
        {
            int[] sStart = s.Start, sLen = s.Len, sId = s.Id, prev = s.Prev, next = s.Next;
            for (int k = 0; k < m; k++)
            {
                prev[k] = k - 1;
                next[k] = k + 1 < m ? k + 1 : -1;
            }

            s.HeapCount = 0;
            for (int k = 0; k < m - 1; k++) TryPush(s, buf, k, k + 1);

            while (s.HeapCount > 0)
            {
                Candidate top = s.Pop();
                int l = top.Left, r = top.Right;
                if (sLen[l] == 0 || sLen[r] == 0 || next[l] != r || sLen[l] + sLen[r] != top.Size) continue;
                sLen[l] = top.Size;
                sId[l] = top.Id;
                sLen[r] = 0;
                next[l] = next[r];
                if (next[r] >= 0) prev[next[r]] = l;
                if (prev[l] >= 0) TryPush(s, buf, prev[l], l);
                if (next[l] >= 0) TryPush(s, buf, l, next[l]);
            }

            int count = 0;
            for (int k = 0; k >= 0; k = next[k]) count += Emit(s, buf, sStart[k], sLen[k], sId[k], ids);
            return count;
        }

        private void TryPush(Scratch s, char[] buf, int left, int right)
        {
            int size = s.Len[left] + s.Len[right];
            int id = _model.MergeTable.Find(buf, s.Start[left], size);
            if (id >= 0) s.Push(new Candidate(_model.Scores[id], left, right, size, id));
        }

        /// <summary>Emits one final symbol: its piece, or its UTF-8 bytes (byte fallback), or &lt;unk&gt;.</summary>
        private int Emit(Scratch s, char[] buf, int start, int length, int id, List<int>? ids)
        {
            if (id >= 0)
            {
                ids?.Add(id);
                s.PreviousUnknown = false;
                return 1;
            }

            // Not a piece: always a single code point here (merges only ever produce pieces).
            int cp = length == 2 ? char.ConvertToUtf32(buf[start], buf[start + 1]) : buf[start];
            if (!_model.ByteFallback)
            {
                // sentencepiece without byte fallback merges runs of unknown symbols into one <unk>.
                if (s.PreviousUnknown) return 0;
                s.PreviousUnknown = true;
                ids?.Add(_model.UnknownId);
                return 1;
            }

            int[] byteIds = _model.ByteIds;
            if (cp < 0x80)
            {
                ids?.Add(byteIds[cp]);
                return 1;
            }

            if (cp < 0x800)
            {
                if (ids != null)
                {
                    ids.Add(byteIds[0xC0 | (cp >> 6)]);
                    ids.Add(byteIds[0x80 | (cp & 0x3F)]);
                }

                return 2;
            }

            if (cp < 0x10000)
            {
                if (ids != null)
                {
                    ids.Add(byteIds[0xE0 | (cp >> 12)]);
                    ids.Add(byteIds[0x80 | ((cp >> 6) & 0x3F)]);
                    ids.Add(byteIds[0x80 | (cp & 0x3F)]);
                }

                return 3;
            }

            if (ids != null)
            {
                ids.Add(byteIds[0xF0 | (cp >> 18)]);
                ids.Add(byteIds[0x80 | ((cp >> 12) & 0x3F)]);
                ids.Add(byteIds[0x80 | ((cp >> 6) & 0x3F)]);
                ids.Add(byteIds[0x80 | (cp & 0x3F)]);
            }

            return 4;
        }

        private readonly struct Candidate
        {
            public readonly float Score;
            public readonly int Left;
            public readonly int Right;
            public readonly int Size;
            public readonly int Id;

            public Candidate(float score, int left, int right, int size, int id)
            {
                Score = score;
                Left = left;
                Right = right;
                Size = size;
                Id = id;
            }

            /// <summary>sentencepiece agenda order: higher score first, then smaller left index.</summary>
            public bool Before(in Candidate other) => Score > other.Score || (Score == other.Score && Left < other.Left);
        }

        /// <summary>Per-thread working buffers (no allocation per call once warmed up).</summary>
        private sealed class Scratch
        {
            private char[] _text = new char[256];
            public int[] Start = new int[64];
            public int[] Len = new int[64];
            public int[] Id = new int[64];
            public int[] CandidateId = new int[64];
            public float[] CandidateScore = new float[64];
            public int[] Prev = new int[64];
            public int[] Next = new int[64];
            private Candidate[] _heap = new Candidate[64];
            public int HeapCount;
            public bool PreviousUnknown;

            public char[] Normalize(string text)
            {
                int n = text.Length;
                if (_text.Length < n) _text = new char[Math.Max(n, _text.Length * 2)];
                char[] buf = _text;
                for (int i = 0; i < n; i++)
                {
                    char c = text[i];
                    if (c == ' ')
                    {
                        c = Space;
                    }
                    else if (c >= '\uD800' && c <= '\uDFFF')
                    {
                        if (c <= '\uDBFF' && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
                        {
                            buf[i] = c;
                            buf[i + 1] = text[i + 1];
                            i++;
                            continue;
                        }

                        c = '\uFFFD';
                    }

                    buf[i] = c;
                }

                return buf;
            }

            /// <summary>Drops buffers grown by an unusually large input so a thread does not keep them alive.</summary>
            public void Trim()
            {
                const int MaxRetainedChars = 1 << 20, MaxRetainedSymbols = 1 << 16;
                if (_text.Length > MaxRetainedChars) _text = new char[256];
                if (Start.Length > MaxRetainedSymbols)
                {
                    Start = new int[64];
                    Len = new int[64];
                    Id = new int[64];
                    CandidateId = new int[64];
                    CandidateScore = new float[64];
                    Prev = new int[64];
                    Next = new int[64];
                }

                if (_heap.Length > MaxRetainedSymbols) _heap = new Candidate[64];
            }

            public void EnsureSymbols(int n)
            {
                if (Start.Length >= n) return;
                int size = Math.Max(n, Start.Length * 2);
                Start = new int[size];
                Len = new int[size];
                Id = new int[size];
                CandidateId = new int[size];
                CandidateScore = new float[size];
                Prev = new int[size];
                Next = new int[size];
            }

            public void Push(in Candidate c)
            {
                if (HeapCount == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
                int i = HeapCount++;
                while (i > 0)
                {
                    int parent = (i - 1) >> 1;
                    if (!c.Before(_heap[parent])) break;
                    _heap[i] = _heap[parent];
                    i = parent;
                }

                _heap[i] = c;
            }

            public Candidate Pop()
            {
                Candidate top = _heap[0];
                Candidate last = _heap[--HeapCount];
                int n = HeapCount;
                int i = 0;
                while (true)
                {
                    int child = 2 * i + 1;
                    if (child >= n) break;
                    if (child + 1 < n && _heap[child + 1].Before(_heap[child])) child++;
                    if (!_heap[child].Before(last)) break;
                    _heap[i] = _heap[child];
                    i = child;
                }

                if (n > 0) _heap[i] = last;
                return top;
            }
        }
    }
}
