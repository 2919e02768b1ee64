using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Core.Streaming
{
    /// <summary>
    /// Reads Server-Sent Events from a byte stream and hands out each event's data as UTF-8 bytes.
    /// Accepts <c>\r\n</c>, <c>\n</c> and <c>\r</c> line endings, comment lines, several <c>data:</c>
    /// lines per event, and UTF-8 sequences split across reads (it works on bytes, never decoding
    /// partial reads). Lines that are not SSE fields (the service's bare mid-stream error JSON) are
    /// collected and raised as <see cref="SseStrayContentException"/>.
    /// </summary>
    public sealed class SseReader : IDisposable
    {
        private const int InitialBufferSize = 16 * 1024;
        private static readonly byte[] s_dataField = Encoding.ASCII.GetBytes("data:");

        private readonly Stream _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private bool _eof;
        private bool _skipLeadingLf;
        private byte[] _data;
        private int _dataLength;
        private bool _hasData;
        private StringBuilder? _stray;

        /// <summary>Largest SSE line or event accepted by default (a 10 MB reply chunk is a large but real one).</summary>
        public const int DefaultMaxEventBytes = 64 * 1024 * 1024;

        private readonly int _maxEventBytes;

        /// <param name="stream">The event stream.</param>
        /// <param name="maxEventBytes">A line or an event's data longer than this ends the read with <see cref="SseEventTooLargeException"/>.</param>
        public SseReader(Stream stream, int maxEventBytes = DefaultMaxEventBytes)
        {
            _maxEventBytes = maxEventBytes > 0 ? maxEventBytes : throw new ArgumentOutOfRangeException(nameof(maxEventBytes));
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            _data = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        }

        /// <summary>The data of the current event; valid until the next call of <see cref="MoveNextAsync"/>.</summary>
        public ReadOnlyMemory<byte> Current => new ReadOnlyMemory<byte>(_data, 0, _dataLength);

        public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            _dataLength = 0;
            _hasData = false;
            while (true)
            {
                int lineStart, lineLength;
                while (!TryTakeLine(out lineStart, out lineLength))
                {
                    if (_eof)
                    {
                        if (_end > _start)
                        {
                            // The last line had no terminator.
                            lineStart = _start;
                            lineLength = _end - _start;
                            _start = _end;
                            goto HaveLine;
                        }
                        return FinishAtEndOfStream();
                    }
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }

            HaveLine:
                if (lineLength == 0)
                {
                    if (_hasData) return true;
                    ThrowIfStray();
                    continue;
                }
                ProcessLine(new ReadOnlySpan<byte>(_buffer, lineStart, lineLength));
            }
        }

        private bool FinishAtEndOfStream()
        {
            if (_hasData) return true;
            ThrowIfStray();
            return false;
        }

        private void ThrowIfStray()
        {
            if (_stray == null) return;
            string text = _stray.ToString();
            _stray = null;
            if (!string.IsNullOrWhiteSpace(text)) throw new SseStrayContentException(text);
        }

        private void ProcessLine(ReadOnlySpan<byte> line)
        {
            if (line[0] == (byte)':') return; // comment
            if (line.StartsWith(s_dataField))
            {
                var value = line.Slice(s_dataField.Length);
                if (value.Length > 0 && value[0] == (byte)' ') value = value.Slice(1);
                if (_hasData) AppendData((byte)'\n');
                AppendData(value);
                _hasData = true;
                return;
            }
            if (IsOtherField(line)) return;
            _stray ??= new StringBuilder();
            _stray.Append(Encoding.UTF8.GetString(line.ToArray())).Append('\n');
        }

        private static bool IsOtherField(ReadOnlySpan<byte> line)
        {
            int colon = line.IndexOf((byte)':');
            if (colon <= 0) return false;
            var name = line.Slice(0, colon);
            return name.SequenceEqual("event"u8) || name.SequenceEqual("id"u8) || name.SequenceEqual("retry"u8);
        }

        private bool TryTakeLine(out int lineStart, out int lineLength)
        {
            if (_skipLeadingLf && _start < _end)
            {
                if (_buffer[_start] == (byte)'\n') _start++;
                _skipLeadingLf = false;
            }
            var span = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
            int index = span.IndexOfAny((byte)'\r', (byte)'\n');
            if (index < 0)
            {
                lineStart = lineLength = 0;
                return false;
            }
            lineStart = _start;
            lineLength = index;
            bool isCr = span[index] == (byte)'\r';
            _start += index + 1;
            if (isCr)
            {
                if (_start < _end) { if (_buffer[_start] == (byte)'\n') _start++; }
                else _skipLeadingLf = true;
            }
            return true;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_end >= _maxEventBytes) throw new SseEventTooLargeException(_maxEventBytes);
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
#if NET8_0_OR_GREATER
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), cancellationToken).ConfigureAwait(false);
#else
            int read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
#endif
            if (read == 0) _eof = true;
            else _end += read;
        }

        private void AppendData(byte value)
        {
            Span<byte> one = stackalloc byte[1];
            one[0] = value;
            AppendData(one);
        }

        private void AppendData(ReadOnlySpan<byte> value)
        {
            if (_dataLength + value.Length > _maxEventBytes) throw new SseEventTooLargeException(_maxEventBytes);
            if (_dataLength + value.Length > _data.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, _dataLength + value.Length));
                Buffer.BlockCopy(_data, 0, larger, 0, _dataLength);
                ArrayPool<byte>.Shared.Return(_data);
                _data = larger;
            }
            value.CopyTo(new Span<byte>(_data, _dataLength, value.Length));
            _dataLength += value.Length;
        }

        public void Dispose()
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            if (_data.Length > 0) ArrayPool<byte>.Shared.Return(_data);
            _buffer = _data = Array.Empty<byte>();
        }
    }

    /// <summary>An SSE line or event longer than the reader accepts: the stream is broken or hostile, and reading stops.</summary>
    public sealed class SseEventTooLargeException : Exception
    {
        public SseEventTooLargeException(int limitBytes)
            : base($"An event of the stream exceeds {limitBytes} bytes.")
        {
            LimitBytes = limitBytes;
        }

        public int LimitBytes { get; }
    }

    /// <summary>Non-SSE text in an event stream; the service writes its mid-stream errors this way.</summary>
    public sealed class SseStrayContentException : Exception
    {
        public SseStrayContentException(string content)
            : base("The event stream contained text outside SSE data lines.")
        {
            Content = content;
        }

        public string Content { get; }
    }
}
