using System;
using System.Security.Cryptography;
using System.Threading;

namespace GenAI.Emulator.Engine.Files;

/// <summary>
/// A resumable upload in progress: byte count, running SHA-256 and the first bytes. Chunks are
/// hashed while read and then dropped, except for text files (JSONL batch input), whose content is kept.
/// </summary>
public sealed class UploadSession : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _preview = new byte[FileStore.PreviewBytes];
    private readonly System.IO.MemoryStream? _content;
    private int _previewLength;

    public UploadSession(string id, FileMetadata metadata, long? declaredLength, bool keepContent = false)
    {
        Id = id;
        Metadata = metadata;
        DeclaredLength = declaredLength;
        _content = keepContent ? new System.IO.MemoryStream() : null;
    }

    public string Id { get; }

    public FileMetadata Metadata { get; }

    /// <summary>X-Goog-Upload-Header-Content-Length from the start request, when sent.</summary>
    public long? DeclaredLength { get; }

    public long Received { get; private set; }

    /// <summary>Serialises chunk requests of this session.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public bool Cancelled { get; set; }

    /// <summary>The file created by finalize; later finalize retries return it again.</summary>
    public StoredFile? Result { get; set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        int copy = Math.Min(data.Length, _preview.Length - _previewLength);
        if (copy > 0)
        {
            data[..copy].CopyTo(_preview.AsSpan(_previewLength));
            _previewLength += copy;
        }

        _content?.Write(data);
        Received += data.Length;
    }

    /// <summary>The whole content, when it is kept (see <see cref="FileApi.KeepsContent"/>); otherwise null.</summary>
    public byte[]? Content() => _content?.ToArray();

    public byte[] Preview() => _preview.AsSpan(0, _previewLength).ToArray();

    public byte[] Digest() => _hash.GetCurrentHash();

    public void Dispose()
    {
        _hash.Dispose();
        Lock.Dispose();
    }
}

/// <summary>The client-supplied part of a File: <c>{"file": {"name", "displayName", "mimeType"}}</c>.</summary>
public sealed record FileMetadata(string? Id, string? DisplayName, string? MimeType);
