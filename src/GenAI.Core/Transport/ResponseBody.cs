using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Core.Errors;

namespace GenAI.Core.Transport
{
    /// <summary>
    /// Reads a response body under the call's cancellation (per-attempt timeout, overall deadline, Ctrl+C) and within a
    /// size cap, so a server that sends headers and then nothing, or far too much, cannot hang or exhaust the host.
    /// </summary>
    internal static class ResponseBody
    {
        /// <summary>Largest unary reply read (a 10 MB reply text is a large but real one).</summary>
        public const long MaxUnaryBytes = 128L * 1024 * 1024;

        /// <summary>Largest error body read; the service's are a few KiB.</summary>
        public const int MaxErrorBytes = 1024 * 1024;

        /// <summary>The body as text, read with <paramref name="token"/>; a body over <paramref name="maxBytes"/> ends in <see cref="ResponseTooLargeException"/>.</summary>
        public static async Task<string> ReadStringAsync(HttpResponseMessage response, long maxBytes, CancellationToken token, string operation)
        {
            using var stream = await OpenAsync(response, token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, 0, chunk.Length, token).ConfigureAwait(false);
                if (read == 0) break;
                if (buffer.Length + read > maxBytes) throw new ResponseTooLargeException(operation, maxBytes);
                buffer.Write(chunk, 0, read);
            }
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        /// <summary>
        /// The body stream; reads stop with <paramref name="token"/> even where the platform's network stream ignores it
        /// (.NET Framework): cancelling disposes the response, which ends a pending read.
        /// </summary>
        public static async Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
#if NET8_0_OR_GREATER
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
#else
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new CancellableStream(stream, token.Register(() => response.Dispose()));
        }

        // Ends the cancellation registration with the stream.
        private sealed class CancellableStream : ReadOnlyStream
        {
            private readonly Stream _inner;
            private readonly CancellationTokenRegistration _registration;

            public CancellableStream(Stream inner, CancellationTokenRegistration registration)
            {
                _inner = inner;
                _registration = registration;
            }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                _inner.ReadAsync(buffer, offset, count, cancellationToken);
#if NET8_0_OR_GREATER
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                _inner.ReadAsync(buffer, cancellationToken);
#endif

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _registration.Dispose();
                    _inner.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>
    /// A stream that cancels its reads when no byte arrives for <c>idle</c>: each read arms the timer, each byte
    /// received disarms it. <see cref="IdledOut"/> tells an idle stop apart from the caller's cancellation.
    /// </summary>
    internal sealed class IdleTimeoutStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _idle;
        private readonly CancellationTokenSource _timer;
        private readonly CancellationToken _outer;

        public IdleTimeoutStream(Stream inner, TimeSpan idle, CancellationToken outer)
        {
            _inner = inner;
            _idle = idle;
            _outer = outer;
            _timer = CancellationTokenSource.CreateLinkedTokenSource(outer);
        }

        public TimeSpan Idle => _idle;

        /// <summary>Whether the reads stopped because nothing arrived for <see cref="Idle"/> (not because of the caller).</summary>
        public bool IdledOut => _timer.IsCancellationRequested && !_outer.IsCancellationRequested;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            // The usual caller passes the call's own token, which the timer already follows: no second link per read.
            using var linked = Follows(cancellationToken) ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
            Arm();
            int read = await _inner.ReadAsync(buffer, offset, count, linked?.Token ?? _timer.Token).ConfigureAwait(false);
            Disarm();
            return read;
        }

#if NET8_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = Follows(cancellationToken) ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
            Arm();
            int read = await _inner.ReadAsync(buffer, linked?.Token ?? _timer.Token).ConfigureAwait(false);
            Disarm();
            return read;
        }
#endif

        private bool Follows(CancellationToken token) => !token.CanBeCanceled || token == _outer;

        private void Arm()
        {
            if (_idle > TimeSpan.Zero && _idle != Timeout.InfiniteTimeSpan) _timer.CancelAfter(_idle);
        }

        private void Disarm()
        {
            if (!_timer.IsCancellationRequested) _timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _timer.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Passes reads through until more than <c>limit</c> bytes have come, then throws <see cref="ResponseTooLargeException"/>.</summary>
    internal sealed class CappedStream : ReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private readonly string _operation;
        private long _total;

        public CappedStream(Stream inner, long limit, string operation)
        {
            _inner = inner;
            _limit = limit;
            _operation = operation;
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET8_0_OR_GREATER
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
#endif

        private int Count(int read)
        {
            _total += read;
            if (_total > _limit) throw new ResponseTooLargeException(_operation, _limit);
            return read;
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The members every read-only, forward-only stream of this file shares.</summary>
    internal abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
