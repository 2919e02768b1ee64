namespace GenAI.Core.Tokenization
{
    /// <summary>The state of a <see cref="TokenizerCache"/>: where it is, which verified file it holds, whether it is loaded.</summary>
    public sealed class TokenizerInfo
    {
        /// <summary><see cref="Format"/> of Google's gemma3 SentencePiece <c>tokenizer.model</c>.</summary>
        public const string SentencePieceModelFormat = "SentencePiece model";

        /// <summary><see cref="Format"/> of Google's Gemma 3 <c>tokenizer.json</c>.</summary>
        public const string TokenizerJsonFormat = "tokenizer.json";

        internal TokenizerInfo(string directory, string? path, string? format, string? sha256, GemmaTokenizer? loaded)
        {
            Directory = directory;
            Path = path;
            Format = format;
            Sha256 = sha256;
            IsLoaded = loaded != null;
            VocabularySize = loaded?.VocabularySize;
        }

        /// <summary>The cache folder.</summary>
        public string Directory { get; }

        /// <summary>The verified vocabulary file offline counting uses; null when none is installed.</summary>
        public string? Path { get; }

        /// <summary><see cref="SentencePieceModelFormat"/> or <see cref="TokenizerJsonFormat"/>; null when none is installed.</summary>
        public string? Format { get; }

        /// <summary>SHA-256 of <see cref="Path"/> (one of the pinned hashes).</summary>
        public string? Sha256 { get; }

        public bool IsInstalled => Path != null;

        /// <summary>Whether this session has loaded the vocabulary already (it loads once, on first use).</summary>
        public bool IsLoaded { get; }

        /// <summary>Number of pieces, once loaded (262,144 for Gemma 3).</summary>
        public int? VocabularySize { get; }

        public override string ToString() => Path ?? $"(not installed in {Directory})";
    }
}
