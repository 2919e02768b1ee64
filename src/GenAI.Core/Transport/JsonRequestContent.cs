using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// A JSON request body whose file- or array-backed inline data is base64-encoded while it is written
    /// to the connection, in small blocks: a 20 MB image never exists as a string or as a JSON byte array.
    /// The length is known up front (Content-Length), and the body can be written again for a retry.
    /// </summary>
    internal sealed class JsonRequestContent : HttpContent
    {
        // A multiple of 3, so every block but the last encodes without padding.
        private const int RawBlockSize = 3 * 16 * 1024;

        private readonly List<byte[]> _segments = new List<byte[]>();
        private readonly IReadOnlyList<BlobSource> _sources;

        private JsonRequestContent(byte[] json, LazyBlobs blobs)
        {
            _sources = blobs.Sources;
            int start = 0;
            for (int i = 0; i < _sources.Count; i++)
            {
                byte[] marker = Encoding.UTF8.GetBytes(blobs.MarkerOf(i));
                int at = json.AsSpan(start).IndexOf(marker);
                if (at < 0) throw new InvalidOperationException("A streamed blob's marker is missing from the serialised request.");
                _segments.Add(json.AsSpan(start, at).ToArray());
                start += at + marker.Length;
            }
            _segments.Add(start == 0 ? json : json.AsSpan(start).ToArray());
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        public static JsonRequestContent Create<T>(T body, JsonTypeInfo<T> type)
        {
            var blobs = new LazyBlobs();
            var json = JsonSerializer.SerializeToUtf8Bytes(blobs.Substitute(body), type);
            return new JsonRequestContent(json, blobs);
        }

        /// <summary>The body's size in bytes.</summary>
        public long Length
        {
            get
            {
                long length = 0;
                foreach (var segment in _segments) length += segment.Length;
                foreach (var source in _sources) length += InlineLimits.Base64Length(source.Length);
                return length;
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => WriteAsync(stream, CancellationToken.None);

#if NET8_0_OR_GREATER
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            WriteAsync(stream, cancellationToken);
#endif

        protected override bool TryComputeLength(out long length)
        {
            length = Length;
            return true;
        }

        private async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                await stream.WriteAsync(_segments[i], 0, _segments[i].Length, cancellationToken).ConfigureAwait(false);
                if (i < _sources.Count) await WriteBase64Async(stream, _sources[i], cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task WriteBase64Async(Stream destination, BlobSource source, CancellationToken cancellationToken)
        {
            byte[] raw = ArrayPool<byte>.Shared.Rent(RawBlockSize);
            byte[] encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(RawBlockSize));
            try
            {
                using var input = Open(source);
                long remaining = source.Length;
                while (remaining > 0)
                {
                    int wanted = (int)Math.Min(RawBlockSize, remaining);
                    int filled = await FillAsync(input, raw, wanted, source, cancellationToken).ConfigureAwait(false);
                    if (filled < wanted) throw Changed(source, source.Length - remaining + filled);
                    remaining -= filled;
                    Base64.EncodeToUtf8(raw.AsSpan(0, filled), encoded, out _, out int written, isFinalBlock: true);
                    await destination.WriteAsync(encoded, 0, written, cancellationToken).ConfigureAwait(false);
                }
                // The declared Content-Length holds the original size: a file that grew cannot be sent as is.
                if (await FillAsync(input, raw, 1, source, cancellationToken).ConfigureAwait(false) > 0) throw Changed(source, null);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
                ArrayPool<byte>.Shared.Return(encoded);
            }
        }

        private static InvalidInputException Changed(BlobSource source, long? read) =>
            new InvalidInputException(ErrorCodes.FileChanged,
                $"'{source.Description}' changed while it was being sent: {source.Length} bytes were expected, {(read.HasValue ? read.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more")} were read.",
                source.Description, "Send the prompt again once the file is no longer being written.");

        private static Stream Open(BlobSource source)
        {
            try { return source.OpenRead(); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw FileParts.ReadFailure(source.Description, ex);
            }
        }

        // Reads until `count` bytes are in the buffer or the data ends.
        private static async Task<int> FillAsync(Stream input, byte[] buffer, int count, BlobSource source, CancellationToken cancellationToken)
        {
            int filled = 0;
            while (filled < count)
            {
                int read;
                try { read = await input.ReadAsync(buffer, filled, count - filled, cancellationToken).ConfigureAwait(false); }
                catch (IOException ex) { throw FileParts.ReadFailure(source.Description, ex); }
                if (read == 0) break;
                filled += read;
            }
            return filled;
        }
    }
}
