using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// Cuts a <c>text/event-stream</c> body into its events as bytes arrive, in whatever pieces the network
/// delivers them: an event ends at a blank line (<c>\r\n\r\n</c> or <c>\n\n</c>); what is left when the body
/// ends (a bare error object, a broken line) becomes one last raw chunk.
/// </summary>
internal sealed class EventStreamSplitter
{
    private readonly MemoryStream _pending = new();
    private readonly List<StreamChunk> _events = new();

    public IReadOnlyList<StreamChunk> Events => _events;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _pending.Write(bytes);
        byte[] buffer = _pending.GetBuffer();
        int length = (int)_pending.Length;
        int start = 0;
        for (int i = 0; i < length; i++)
        {
            int end = EventEnd(buffer, i, length);
            if (end > 0)
            {
                _events.Add(StreamChunk.Parse(Encoding.UTF8.GetString(buffer, start, end - start)));
                start = end;
                i = end - 1;
            }
        }

        if (start > 0)
        {
            byte[] rest = buffer.AsSpan(start, length - start).ToArray();
            _pending.SetLength(0);
            _pending.Write(rest);
        }
    }

    /// <summary>Adds what is left over as a final raw chunk.</summary>
    public IReadOnlyList<StreamChunk> Complete()
    {
        if (_pending.Length > 0)
        {
            _events.Add(new StreamChunk(null, Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length)));
            _pending.SetLength(0);
        }

        return _events;
    }

    /// <summary>The index just past a blank line starting at <paramref name="i"/>, or 0.</summary>
    private static int EventEnd(byte[] buffer, int i, int length)
    {
        if (i + 3 < length && buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
        {
            return i + 4;
        }

        return i + 1 < length && buffer[i] == '\n' && buffer[i + 1] == '\n' ? i + 2 : 0;
    }
}
