using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.Core.Transport;

namespace GenAI.Core.Files
{
    /// <summary>
    /// The resumable upload protocol (https://ai.google.dev/api/files#method:-media.upload): a start request that returns an upload URL, then
    /// chunks of 8 MiB (a multiple of the server's X-Goog-Upload-Chunk-Granularity), the last one with
    /// "upload, finalize". Only one chunk is held in memory. Every request is retried under the client's
    /// <see cref="RetryPolicy"/> like any other call; a chunk is resumed from what the service reports it holds.
    /// </summary>
    public sealed class ResumableUploader : IFileUploader
    {
        public const int DefaultChunkSize = 8 * 1024 * 1024;

        private static readonly TimeSpan[] s_statusRetryDelays = { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) };

        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly GenAIClientOptions _options;
        private readonly Uri _baseUri;
        private readonly RetryRunner _retries;

        public ResumableUploader(GenAIClientOptions options, HttpClient? httpClient = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _baseUri = Endpoint.Validate(options.BaseUri);
            _ownsHttp = httpClient == null;
            _http = httpClient ?? HttpClientFactory.Create(options.Proxy);
            _retries = new RetryRunner(options.Retry, options.Defaults);
        }

        /// <summary>Bytes per chunk before rounding down to the server's granularity.</summary>
        public int ChunkSize { get; set; } = DefaultChunkSize;

        /// <summary>Waits between attempts of a chunk whose reply had no X-Goog-Upload-Status; replaceable in tests.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

        public async Task<GenAIFile> UploadAsync(BlobSource source, FileUploadOptions upload, IProgress<UploadProgress>? progress,
            RequestOptions options, CancellationToken cancellationToken)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            if (upload == null) throw new ArgumentNullException(nameof(upload));
            string description = upload.DisplayName ?? source.Description;
            var each = new EachRequest(options.Timeout ?? _options.Defaults.Timeout ?? RequestOptions.DefaultGenerationTimeout, options.Log ?? _options.Defaults.Log);

            // One call: -TotalTimeoutSec covers the whole upload; each request of it gets the retries.
            using var call = _retries.Start("media.upload (start)", options, cancellationToken);
            var (uploadUri, granularity) = await _retries.ExecuteAsync(call, (_, token) => StartAsync(source, upload, each, token)).ConfigureAwait(false);
            progress?.Report(new UploadProgress(description, 0, source.Length));

            int chunkSize = ChunkSizeFor(granularity);
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(chunkSize, Math.Max(source.Length, 1)));
            try
            {
                using var input = OpenSource(source);
                long offset = 0;
                while (true)
                {
                    int wanted = (int)Math.Min(chunkSize, source.Length - offset);
                    int filled = await ReadChunkAsync(input, buffer, wanted, source, call.Token).ConfigureAwait(false);
                    bool last = offset + filled >= source.Length;
                    var chunk = new Chunk(buffer, filled, offset, last);
                    call.Operation = $"media.upload (bytes {offset}-{offset + filled} of {source.Length})";
                    // A retry first asks the service how much it has: a failed request may have delivered its bytes.
                    var (status, file) = await _retries.ExecuteAsync(call, (_, token) => SendChunkAsync(uploadUri, chunk, each, resume: call.Attempts > 1, token))
                        .ConfigureAwait(false);
                    offset += filled;
                    progress?.Report(new UploadProgress(description, offset, source.Length));
                    if (status == "final")
                        return file ?? throw new FilesException(ErrorCodes.UploadFailed, $"The upload of '{description}' finished without returning the file.");
                    if (status == "cancelled")
                        throw new FilesException(ErrorCodes.UploadFailed, $"The service cancelled the upload of '{description}'.", recommendedAction: "Upload the file again.");
                    if (last)
                        throw new FilesException(ErrorCodes.UploadFailed, $"All {source.Length} bytes of '{description}' were sent but the service did not finalize the upload (status '{status}').",
                            recommendedAction: "Upload the file again.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private int ChunkSizeFor(long granularity)
        {
            if (granularity <= 0) return ChunkSize;
            long chunks = Math.Max(1, ChunkSize / granularity);
            return (int)Math.Min(int.MaxValue, chunks * granularity);
        }

        private async Task<(Uri Uri, long Granularity)> StartAsync(BlobSource source, FileUploadOptions upload, EachRequest each, CancellationToken cancellationToken)
        {
            const string operation = "media.upload";
            var metadata = new GenAIFile { DisplayName = upload.DisplayName, Name = string.IsNullOrEmpty(upload.Name) ? null : FilesClient.NormalizeName(upload.Name!) };
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(new FileEnvelope { File = metadata }, GenAIJsonContext.Default.FileEnvelope);
            var uri = new Uri(_baseUri, "upload/" + _options.ApiVersion.Trim('/') + "/files");

            using var scope = new CallScope(each.Timeout, cancellationToken, each.Log);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            AddKey(request);
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Protocol", "resumable");
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Command", "start");
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Header-Content-Length", source.Length.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Header-Content-Type", upload.MimeType);
            if (upload.DisplayName != null) request.Headers.TryAddWithoutValidation("X-Goog-Upload-File-Name", Uri.EscapeDataString(upload.DisplayName));

            using var response = await SendAsync(request, scope, operation).ConfigureAwait(false);
            string? url = Header(response, "X-Goog-Upload-URL");
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uploadUri))
                throw new FilesException(ErrorCodes.UploadFailed, "The service did not return an upload URL (X-Goog-Upload-URL) for the resumable upload.",
                    recommendedAction: "Retry; if it keeps failing, check that the endpoint supports the Files API.");
            long.TryParse(Header(response, "X-Goog-Upload-Chunk-Granularity"), NumberStyles.None, CultureInfo.InvariantCulture, out long granularity);
            return (RebaseUploadUri(uploadUri!), granularity);
        }

        /// <summary>
        /// With a custom endpoint (a proxy, the emulator) the upload goes there too, as the new SDKs do:
        /// everything before <c>/upload/</c> is replaced by the configured base URL.
        /// </summary>
        internal Uri RebaseUploadUri(Uri uploadUri)
        {
            if (_baseUri == Endpoint.Default || string.Equals(_baseUri.AbsoluteUri, Endpoint.Default.AbsoluteUri, StringComparison.OrdinalIgnoreCase)) return uploadUri;
            string pathAndQuery = uploadUri.PathAndQuery;
            int at = pathAndQuery.IndexOf("/upload/", StringComparison.Ordinal);
            return new Uri(_baseUri, at >= 0 ? pathAndQuery.Substring(at + 1) : pathAndQuery.TrimStart('/'));
        }

        /// <summary>
        /// Sends one chunk. With <paramref name="resume"/> (an earlier attempt failed) it first queries the upload:
        /// the service may hold all, part or none of the chunk, and only the rest is sent. A reply without
        /// X-Goog-Upload-Status is waited on (1 s, 2 s) and resumed the same way, as the SDKs do.
        /// </summary>
        private async Task<(string Status, GenAIFile? File)> SendChunkAsync(Uri uploadUri, Chunk chunk, EachRequest each, bool resume, CancellationToken cancellationToken)
        {
            for (int attempt = 0; ; attempt++)
            {
                int skip = 0;
                if (resume)
                {
                    var state = await QueryAsync(uploadUri, each, cancellationToken).ConfigureAwait(false);
                    if (state.Status != "active") return (state.Status, state.File);
                    skip = chunk.ResumeAt(state.Received);
                    if (skip == chunk.Count && !chunk.Last) return ("active", null);   // the bytes arrived; only the reply was lost
                }
                var (status, file) = await PostChunkAsync(uploadUri, chunk, skip, each, cancellationToken).ConfigureAwait(false);
                if (status != null) return (status, file);
                if (attempt >= s_statusRetryDelays.Length)
                    throw new FilesException(ErrorCodes.UploadFailed, $"The service's reply to the chunk at offset {chunk.Offset} had no X-Goog-Upload-Status, {attempt + 1} times.",
                        recommendedAction: "Upload the file again.");
                await Delay(s_statusRetryDelays[attempt], cancellationToken).ConfigureAwait(false);
                resume = true;
            }
        }

        // The chunk's bytes from `skip` on; null status when the reply had no X-Goog-Upload-Status.
        private async Task<(string? Status, GenAIFile? File)> PostChunkAsync(Uri uploadUri, Chunk chunk, int skip, EachRequest each, CancellationToken cancellationToken)
        {
            const string operation = "media.upload (chunk)";
            using var scope = new CallScope(each.Timeout, cancellationToken, each.Log);
            using var request = new HttpRequestMessage(HttpMethod.Post, uploadUri) { Content = new ByteArrayContent(chunk.Buffer, skip, chunk.Count - skip) };
            if (SameHost(uploadUri)) AddKey(request);
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Command", chunk.Last ? "upload, finalize" : "upload");
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Offset", (chunk.Offset + skip).ToString(CultureInfo.InvariantCulture));
            using var response = await SendAsync(request, scope, operation).ConfigureAwait(false);
            string? status = Header(response, "X-Goog-Upload-Status")?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(status)) return (null, null);
            return (status, status == "final" ? await ReadFileAsync(response, scope, operation).ConfigureAwait(false) : null);
        }

        /// <summary>Asks the service how many bytes of the upload it holds (X-Goog-Upload-Command: query).</summary>
        private async Task<(string Status, long Received, GenAIFile? File)> QueryAsync(Uri uploadUri, EachRequest each, CancellationToken cancellationToken)
        {
            const string operation = "media.upload (query)";
            using var scope = new CallScope(each.Timeout, cancellationToken, each.Log);
            using var request = new HttpRequestMessage(HttpMethod.Post, uploadUri) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            if (SameHost(uploadUri)) AddKey(request);
            request.Headers.TryAddWithoutValidation("X-Goog-Upload-Command", "query");
            using var response = await SendAsync(request, scope, operation).ConfigureAwait(false);
            string? status = Header(response, "X-Goog-Upload-Status")?.Trim().ToLowerInvariant();
            if (status == "final") return (status, -1, await ReadFileAsync(response, scope, operation).ConfigureAwait(false));
            if (status == "cancelled") return (status, -1, null);
            if (status != "active" || !long.TryParse(Header(response, "X-Goog-Upload-Size-Received"), NumberStyles.None, CultureInfo.InvariantCulture, out long received))
                throw new FilesException(ErrorCodes.UploadFailed, "The service did not say how much of the interrupted upload it has received (X-Goog-Upload-Size-Received), so it cannot be resumed.",
                    recommendedAction: "Upload the file again.");
            return (status, received, null);
        }

        private static async Task<GenAIFile?> ReadFileAsync(HttpResponseMessage response, CallScope scope, string operation)
        {
            try
            {
                using var stream = new CappedStream(await ResponseBody.OpenAsync(response, scope.Token).ConfigureAwait(false), ResponseBody.MaxErrorBytes, operation);
                var envelope = await JsonSerializer.DeserializeAsync(stream, GenAIJsonContext.Default.FileEnvelope, scope.Token).ConfigureAwait(false);
                return envelope?.File;
            }
            catch (Exception ex)
            {
                throw scope.Map(ex, operation);
            }
        }

        private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CallScope scope, string operation) =>
            HttpExchange.SendAsync(_http, request, scope, operation);

        private static Stream OpenSource(BlobSource source)
        {
            try { return source.OpenRead(); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw FileParts.ReadFailure(source.Description, ex);
            }
        }

        private static async Task<int> ReadChunkAsync(Stream input, byte[] buffer, int wanted, BlobSource source, CancellationToken cancellationToken)
        {
            int filled = 0;
            while (filled < wanted)
            {
                int read;
                try { read = await input.ReadAsync(buffer, filled, wanted - filled, cancellationToken).ConfigureAwait(false); }
                catch (IOException ex) { throw FileParts.ReadFailure(source.Description, ex); }
                if (read == 0) break;
                filled += read;
            }
            if (filled < wanted)
                throw new InvalidInputException(ErrorCodes.FileChanged, $"'{source.Description}' became shorter while it was uploaded ({source.Length} bytes expected).",
                    source.Description, "Upload the file again once it is no longer being written.");
            return filled;
        }

        private void AddKey(HttpRequestMessage request)
        {
            if (!string.IsNullOrEmpty(_options.ApiKey)) request.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
        }

        // The key goes only to the host it was configured for.
        private bool SameHost(Uri uri) =>
            string.Equals(uri.Host, _baseUri.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == _baseUri.Port && uri.Scheme == _baseUri.Scheme;

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        /// <summary>What every request of one upload gets: the per-attempt timeout and the diagnostic sink (wire lines at debug level).</summary>
        private readonly struct EachRequest
        {
            public EachRequest(TimeSpan timeout, Action<DiagnosticLevel, string>? log)
            {
                Timeout = timeout;
                Log = log;
            }

            public TimeSpan Timeout { get; }

            public Action<DiagnosticLevel, string>? Log { get; }
        }

        /// <summary>Bytes [Offset, Offset + Count) of the source, held in Buffer.</summary>
        private readonly struct Chunk
        {
            public Chunk(byte[] buffer, int count, long offset, bool last)
            {
                Buffer = buffer;
                Count = count;
                Offset = offset;
                Last = last;
            }

            public byte[] Buffer { get; }

            public int Count { get; }

            public long Offset { get; }

            public bool Last { get; }

            /// <summary>How many of the chunk's bytes the service already holds, given the upload's received size.</summary>
            public int ResumeAt(long received)
            {
                if (received < Offset || received > Offset + Count)
                    throw new FilesException(ErrorCodes.UploadFailed,
                        $"The service holds {received} bytes of the upload, outside the chunk being resent (bytes {Offset} to {Offset + Count}), so the upload cannot be resumed.",
                        recommendedAction: "Upload the file again.");
                return (int)(received - Offset);
            }
        }

        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }
    }
}
