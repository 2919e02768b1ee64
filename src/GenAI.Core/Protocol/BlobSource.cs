using System;
using System.IO;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// Where the bytes of an inline <see cref="Blob"/> come from when they are not held as a base64
    /// string: a file or a byte array. The transport streams their base64 encoding straight into the
    /// request body, so a large file is never held in memory as a string.
    /// </summary>
    public abstract class BlobSource
    {
        /// <summary>Size of the raw (decoded) data in bytes.</summary>
        public abstract long Length { get; }

        /// <summary>What the data is, for messages: a file path or "byte[N]".</summary>
        public abstract string Description { get; }

        /// <summary>A fresh stream over the data; the caller disposes it.</summary>
        public abstract Stream OpenRead();

        /// <summary>The whole data as base64 (materialises it; for callers that need the string).</summary>
        public string ReadBase64()
        {
            using var stream = OpenRead();
            using var buffer = new MemoryStream(Length > int.MaxValue ? 0 : (int)Length);
            stream.CopyTo(buffer);
            return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        public override string ToString() => Description;
    }

    /// <summary>A file on disk, read each time the request is sent.</summary>
    public sealed class FileBlobSource : BlobSource
    {
        public FileBlobSource(string path, long length)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Length = length;
        }

        public string Path { get; }

        public override long Length { get; }

        public override string Description => Path;

        public override Stream OpenRead() =>
            new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.SequentialScan);
    }

    /// <summary>A byte array held by the caller.</summary>
    public sealed class BytesBlobSource : BlobSource
    {
        private readonly byte[] _data;

        public BytesBlobSource(byte[] data) { _data = data ?? throw new ArgumentNullException(nameof(data)); }

        public override long Length => _data.Length;

        public override string Description => $"byte[{_data.Length}]";

        public override Stream OpenRead() => new MemoryStream(_data, writable: false);
    }
}
