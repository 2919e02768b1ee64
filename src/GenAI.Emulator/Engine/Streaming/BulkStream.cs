using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator.Engine.Streaming;

/// <summary>
/// The <c>stream-N</c> scenario: N chunks with texts <c>w0 </c>, <c>w1 </c>, ..., <c>w{N-1}</c> (one
/// token each). Chunks are assembled from pre-encoded UTF-8 fragments into one reused buffer, so
/// producing 10 000+ chunks allocates next to nothing; the buffer is only valid until the next
/// <c>MoveNextAsync</c>.
/// </summary>
internal static class BulkStream
{
    private static readonly byte[] s_head = Encoding.UTF8.GetBytes("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"w");
    private static readonly byte[] s_midOpen = Encoding.UTF8.GetBytes("\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": ");
    private static readonly byte[] s_midFinal = Encoding.UTF8.GetBytes(
        "\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": ");
    private static readonly byte[] s_candidates = Encoding.UTF8.GetBytes(",\"candidatesTokenCount\": ");
    private static readonly byte[] s_total = Encoding.UTF8.GetBytes(",\"totalTokenCount\": ");

    public static async IAsyncEnumerable<StreamEvent> Play(
        int count,
        int promptTokens,
        string modelVersion,
        string responseId,
        TimeSpan chunkDelay,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] tail = Encoding.UTF8.GetBytes($"}},\"modelVersion\": \"{modelVersion}\",\"responseId\": \"{responseId}\"}}");
        var buffer = new ArrayBufferWriter<byte>(256);
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && chunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(chunkDelay, cancellationToken).ConfigureAwait(false);
            }
            else if ((i & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            bool last = i == count - 1;
            buffer.ResetWrittenCount();
            Write(buffer, s_head);
            WriteNumber(buffer, i);
            if (!last)
            {
                Write(buffer, " "u8);
            }

            Write(buffer, last ? s_midFinal : s_midOpen);
            WriteNumber(buffer, promptTokens);
            Write(buffer, s_candidates);
            WriteNumber(buffer, i + 1);
            Write(buffer, s_total);
            WriteNumber(buffer, promptTokens + i + 1);
            Write(buffer, tail);
            yield return StreamEvent.Chunk(buffer.WrittenMemory);
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static void WriteNumber(ArrayBufferWriter<byte> buffer, long value)
    {
        Span<byte> span = buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        buffer.Advance(written);
    }
}
