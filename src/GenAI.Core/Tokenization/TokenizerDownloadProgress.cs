namespace GenAI.Core.Tokenization
{
    /// <summary>Bytes received so far by a tokenizer download (<c>TokenizerCache.InstallFromUriAsync</c>).</summary>
    public sealed class TokenizerDownloadProgress
    {
        public TokenizerDownloadProgress(long bytesReceived, long? totalBytes)
        {
            BytesReceived = bytesReceived;
            TotalBytes = totalBytes;
        }

        public long BytesReceived { get; }

        /// <summary>The declared size (Content-Length), when the server sent one.</summary>
        public long? TotalBytes { get; }
    }
}
