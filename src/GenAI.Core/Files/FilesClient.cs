using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Files
{
    /// <summary>The Files API: upload (resumable), get, list (all pages, lazily), delete, and waiting until a file is ACTIVE.</summary>
    public sealed class FilesClient
    {
        public static readonly TimeSpan DefaultProcessingTimeout = TimeSpan.FromMinutes(10);

        private readonly ITransport _transport;
        private readonly IFileUploader _uploader;

        internal FilesClient(ITransport transport, IFileUploader uploader)
        {
            _transport = transport;
            _uploader = uploader;
        }

        /// <summary>Waits between files.get polls while a file is PROCESSING; replaceable in tests.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

        /// <summary><c>abc</c> → <c>files/abc</c>; a file URI (<c>https://…/v1beta/files/abc</c>) → <c>files/abc</c>.</summary>
        public static string NormalizeName(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A file name is required, e.g. 'files/abc123'.", nameof(name));
            name = name.Trim();
            int at = name.LastIndexOf("files/", StringComparison.Ordinal);
            if (at > 0 && name.IndexOf("://", StringComparison.Ordinal) > 0) return name.Substring(at);
            return ModelNames.NormalizeFile(name);
        }

        /// <summary>Uploads data and returns the file as created (possibly still PROCESSING).</summary>
        public Task<GenAIFile> UploadAsync(BlobSource source, FileUploadOptions upload, IProgress<UploadProgress>? progress = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _uploader.UploadAsync(source, upload, progress, options ?? RequestOptions.Default, cancellationToken);

        /// <summary>
        /// Uploads data and, unless <paramref name="wait"/> is false, waits until the file is ACTIVE;
        /// progress goes through the upload, the processing and the end (<see cref="UploadStage"/>).
        /// </summary>
        public async Task<GenAIFile> UploadAndWaitAsync(BlobSource source, FileUploadOptions upload, bool wait = true, IProgress<UploadProgress>? progress = null,
            RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            string description = upload.DisplayName ?? source.Description;
            var file = await UploadAsync(source, upload, progress, options, cancellationToken).ConfigureAwait(false);
            if (wait)
            {
                progress?.Report(new UploadProgress(description, source.Length, source.Length, UploadStage.Processing));
                file = await WaitUntilActiveAsync(file, null, options, cancellationToken).ConfigureAwait(false);
            }
            progress?.Report(new UploadProgress(description, source.Length, source.Length, UploadStage.Done));
            return file;
        }

        /// <summary>
        /// Uploads a file from disk. The MIME type defaults to the one of its extension (text and code files:
        /// their text type, or text/plain) and the display name to the file's name.
        /// </summary>
        public Task<GenAIFile> UploadFileAsync(FileInfo file, string? mimeType = null, string? displayName = null, string? name = null,
            IProgress<UploadProgress>? progress = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var upload = PrepareUpload(file, mimeType, displayName, name, out var source);
            return UploadAsync(source, upload, progress, options, cancellationToken);
        }

        /// <summary>Checks the file and works out what to send; throws <see cref="InvalidInputException"/> for a bad file.</summary>
        public static FileUploadOptions PrepareUpload(FileInfo file, string? mimeType, string? displayName, string? name, out BlobSource source)
        {
            var part = FileParts.FromFile(file, string.IsNullOrWhiteSpace(mimeType) ? MimeTypes.UploadTypeFor(file.Name) : mimeType);
            source = part.InlineData!.Source!;
            return new FileUploadOptions(part.InlineData.MimeType!) { DisplayName = displayName ?? file.Name, Name = name };
        }

        public Task<GenAIFile> GetAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.GetFileAsync(NormalizeName(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>Every file, following all pages lazily (newest first).</summary>
        public async IAsyncEnumerable<GenAIFile> ListAsync(int? pageSize = null, RequestOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var tokens = new PageTokens("files.list");
            string? token = null;
            do
            {
                var page = await _transport.ListFilesAsync(pageSize, token, options ?? RequestOptions.Default, cancellationToken).ConfigureAwait(false);
                foreach (var file in page.Files) yield return file;
                token = tokens.Next(page.NextPageToken);
            }
            while (!string.IsNullOrEmpty(token));
        }

        public Task DeleteAsync(string name, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
            _transport.DeleteFileAsync(NormalizeName(name), options ?? RequestOptions.Default, cancellationToken);

        /// <summary>
        /// Polls files.get until the file is ACTIVE and returns it. FAILED, or still PROCESSING after
        /// <paramref name="timeout"/> (default 10 minutes), is a <see cref="FilesException"/>.
        /// </summary>
        public async Task<GenAIFile> WaitUntilActiveAsync(GenAIFile file, TimeSpan? timeout = null, RequestOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            var limit = timeout ?? DefaultProcessingTimeout;
            var started = DateTimeOffset.UtcNow;
            var wait = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                switch (file.State)
                {
                    case "ACTIVE":
                        return file;
                    case "FAILED":
                        throw new FilesException(ErrorCodes.FileProcessingFailed,
                            $"The service could not process the file '{file.Name}'{(file.Error?.Message != null ? ": " + file.Error.Message : ".")}", file,
                            "Check that the file is valid for its MIME type, then upload it again.");
                }
                if (DateTimeOffset.UtcNow - started > limit)
                    throw new FilesException(ErrorCodes.FileProcessingTimedOut,
                        $"The file '{file.Name}' was still {file.State ?? "PROCESSING"} after {limit.TotalSeconds:0} s.", file,
                        "Wait, then get the file again; use it once its State is ACTIVE.");
                await Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 1.5, 5000));
                file = await GetAsync(file.Name ?? throw new ArgumentException("The file has no name."), options, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Keeps a request within the service's inline limit: when <paramref name="contents"/> would make a
        /// request over <paramref name="maxRequestBytes"/>, its file- and array-backed inline data is uploaded,
        /// largest first, until the rest fits; each upload is awaited until ACTIVE and its part replaced by
        /// a fileData part. Returns <paramref name="contents"/> itself when nothing had to move.
        /// </summary>
        public async Task<IReadOnlyList<Content>> MoveLargeInlineDataToFilesAsync(IReadOnlyList<Content> contents, long maxRequestBytes = InlineLimits.MaxRequestBytes,
            IProgress<UploadProgress>? progress = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
        {
            var plan = InlineDataPlan.Create(contents, maxRequestBytes);
            if (plan.ToUpload.Count == 0) return contents;
            var replacements = new Dictionary<Blob, Part>();
            foreach (var blob in plan.ToUpload)
            {
                var upload = new FileUploadOptions(blob.MimeType ?? "application/octet-stream") { DisplayName = Path.GetFileName(blob.Source!.Description) };
                var file = await UploadAndWaitAsync(blob.Source!, upload, true, progress, options, cancellationToken).ConfigureAwait(false);
                replacements[blob] = Part.FromFile(file.Uri ?? throw new FilesException(ErrorCodes.UploadFailed, $"The uploaded file '{file.Name}' has no URI.", file), file.MimeType ?? blob.MimeType);
            }
            return plan.Replace(contents, replacements);
        }
    }
}
