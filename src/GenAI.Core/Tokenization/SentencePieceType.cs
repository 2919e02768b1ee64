namespace GenAI.Core.Tokenization
{
    /// <summary>Piece types of a SentencePiece <c>ModelProto.SentencePiece.Type</c> (same numeric values).</summary>
    public enum SentencePieceType : byte
    {
        /// <summary>Ordinary piece, reachable by BPE merges.</summary>
        Normal = 1,
        /// <summary>The unknown piece (<c>&lt;unk&gt;</c>).</summary>
        Unknown = 2,
        /// <summary>Control piece (<c>&lt;bos&gt;</c>, <c>&lt;eos&gt;</c>, <c>&lt;pad&gt;</c>): never produced from text.</summary>
        Control = 3,
        /// <summary>User-defined piece: matched greedily (longest first) in the text and never merged further.</summary>
        UserDefined = 4,
        /// <summary>Unused piece (Gemma 3 has none; not supported by this encoder).</summary>
        Unused = 5,
        /// <summary>Byte-fallback piece <c>&lt;0xNN&gt;</c>.</summary>
        Byte = 6,
    }
}
