namespace GenAI.Core.Files
{
    /// <summary>Where an upload stands.</summary>
    public enum UploadStage
    {
        /// <summary>Bytes are being sent (reported after the start request and after every chunk).</summary>
        Uploading,

        /// <summary>All bytes are sent; waiting for the service to make the file ACTIVE.</summary>
        Processing,

        /// <summary>The file is ready (or the caller did not wait); nothing more will be reported for it.</summary>
        Done,
    }

    /// <summary>How far an upload has got.</summary>
    public readonly struct UploadProgress
    {
        public UploadProgress(string description, long bytesSent, long totalBytes, UploadStage stage = UploadStage.Uploading)
        {
            Description = description;
            BytesSent = bytesSent;
            TotalBytes = totalBytes;
            Stage = stage;
        }

        /// <summary>What is being uploaded (a file path or display name).</summary>
        public string Description { get; }

        public long BytesSent { get; }

        public long TotalBytes { get; }

        public UploadStage Stage { get; }

        public int Percent => TotalBytes <= 0 ? 100 : (int)(BytesSent * 100 / TotalBytes);
    }
}
