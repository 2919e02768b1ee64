namespace GenAI.Core.Files
{
    /// <summary>How far an upload has got; reported after the start request and after every chunk.</summary>
    public readonly struct UploadProgress
    {
        public UploadProgress(string description, long bytesSent, long totalBytes)
        {
            Description = description;
            BytesSent = bytesSent;
            TotalBytes = totalBytes;
        }

        /// <summary>What is being uploaded (a file path or display name).</summary>
        public string Description { get; }

        public long BytesSent { get; }

        public long TotalBytes { get; }

        public int Percent => TotalBytes <= 0 ? 100 : (int)(BytesSent * 100 / TotalBytes);
    }
}
