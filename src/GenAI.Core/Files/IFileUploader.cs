using System;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Files
{
    /// <summary>
    /// Sends a file's bytes to the service (media.upload). Kept apart from <see cref="ITransport"/>:
    /// uploads are HTTP only, whatever protocol the other calls use.
    /// </summary>
    public interface IFileUploader : IDisposable
    {
        /// <summary>Uploads <paramref name="source"/> and returns the file as created (its state may still be PROCESSING).</summary>
        Task<GenAIFile> UploadAsync(BlobSource source, FileUploadOptions upload, IProgress<UploadProgress>? progress,
            RequestOptions options, CancellationToken cancellationToken);
    }

    /// <summary>What to create: the MIME type (required) and optional display name and resource name.</summary>
    public sealed class FileUploadOptions
    {
        public FileUploadOptions(string mimeType) { MimeType = mimeType; }

        public string MimeType { get; }

        public string? DisplayName { get; set; }

        /// <summary><c>files/&lt;id&gt;</c> (or just the id): 1–40 lower-case letters, digits and dashes.</summary>
        public string? Name { get; set; }
    }
}
