using System.Buffers;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using GenAI.Emulator.Recording;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>
/// Writes stream events to the response, flushing after each one.
/// <list type="bullet">
/// <item>SSE (<c>alt=sse</c>): <c>data: {compact json}\r\n\r\n</c> per chunk, no <c>[DONE]</c>; a mid-stream
/// error is a bare pretty-printed <c>{"error": ...}</c> without <c>data:</c>.</item>
/// <item>JSON array (no <c>alt=sse</c>): <c>[</c> + pretty elements separated by <c>\n,\r\n</c> + <c>\n]</c>,
/// like the recorded llm-gemini streams; an error becomes an element.</item>
/// </list>
/// </summary>
internal static class StreamResponseWriter
{
    private static readonly byte[] s_dataPrefix = "data: "u8.ToArray();
    private static readonly byte[] s_eventEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] s_arraySeparator = "\n,\r\n"u8.ToArray();

    public static async Task WriteSseAsync(HttpContext context, IAsyncEnumerable<StreamEvent> events, StreamTiming? timing, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ResponseWriter.EventStreamContentType;
        context.Response.Headers.ContentDisposition = "attachment";
        PipeWriter writer = context.Response.BodyWriter;
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        await foreach (StreamEvent item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (item.Kind)
            {
                case StreamEventKind.Abort:
                    await AbortAfterDeliveryAsync(context, cancellationToken).ConfigureAwait(false);
                    return;
                case StreamEventKind.Error:
                    writer.Write(WireJson.ToPrettyBytes(item.Error!.ToJson()));
                    writer.Write("\n"u8);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    timing?.ChunkWriting();
                    writer.Write(s_dataPrefix);
                    writer.Write(item.Json.Span);
                    writer.Write(s_eventEnd);
                    FlushResult flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    public static async Task WriteJsonArrayAsync(HttpContext context, IAsyncEnumerable<StreamEvent> events, StreamTiming? timing, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ResponseWriter.JsonContentType;
        PipeWriter writer = context.Response.BodyWriter;
        await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        bool first = true;
        await foreach (StreamEvent item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Kind == StreamEventKind.Abort)
            {
                await AbortAfterDeliveryAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            writer.Write(first ? "["u8 : s_arraySeparator);
            first = false;
            switch (item.Kind)
            {
                case StreamEventKind.Error:
                    WireJson.WritePretty(item.Error!.ToJson(), writer);
                    writer.Write("\n]"u8);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                case StreamEventKind.Malformed:
                    writer.Write(item.Json.Span);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    timing?.ChunkWriting();
                    WireJson.WritePretty(System.Text.Json.Nodes.JsonNode.Parse(item.Json.Span), writer);
                    FlushResult flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }

                    break;
            }
        }

        writer.Write(first ? "[]"u8 : "\n]"u8);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the connection mid-stream. A short pause first lets the chunks already flushed reach
    /// the client: an immediate reset can make the peer's kernel discard data it has not read yet.
    /// </summary>
    private static async Task AbortAfterDeliveryAsync(HttpContext context, CancellationToken cancellationToken)
    {
        await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(AbortGrace, cancellationToken).ConfigureAwait(false);
        context.Abort();
    }

    private static readonly System.TimeSpan AbortGrace = System.TimeSpan.FromMilliseconds(100);
}
