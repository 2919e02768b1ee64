using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Json;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Cassettes;

/// <summary>Writes a recorded reply: its status and headers, then its body — a stream one event per flush, as recorded.</summary>
internal static class CassettePlayer
{
    private static readonly TimeSpan s_dropGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>Sets the status and headers; a recorded upload URL (a path) is pointed at <paramref name="self"/>.</summary>
    public static void ApplyHead(HttpContext context, int status, IReadOnlyDictionary<string, string> headers, Uri self)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            if (name == "content-type")
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers[name] = IsUploadUrl(name) && value.StartsWith('/') ? new Uri(self, value.TrimStart('/')).ToString() : value;
            }
        }
    }

    public static bool IsUploadUrl(string header) =>
        header is CassetteResponse.UploadUrlHeader or CassetteResponse.UploadControlUrlHeader;

    public static async Task PlayAsync(HttpContext context, CassetteResponse response, Uri self, TimeSpan chunkDelay, CancellationToken cancellationToken)
    {
        ApplyHead(context, response.Status, response.Headers, self);
        if (response.Events is { } events)
        {
            await context.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < events.Count; i++)
            {
                if (i > 0 && chunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(chunkDelay, cancellationToken).ConfigureAwait(false);
                }

                await context.Response.Body.WriteAsync(Bytes(events[i]), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            byte[] body = response.Json is not null ? Pretty(response) : Encoding.UTF8.GetBytes(response.Text ?? string.Empty);
            if (!response.ConnectionDropped)
            {
                context.Response.ContentLength = body.Length;
            }

            await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        if (response.ConnectionDropped)
        {
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(s_dropGrace, cancellationToken).ConfigureAwait(false);
            context.Abort();
        }
    }

    /// <summary>An event as the service frames it: <c>data: {compact json}\r\n\r\n</c>, or the raw text recorded.</summary>
    public static byte[] Bytes(StreamChunk chunk)
    {
        if (chunk.Data is null)
        {
            return Encoding.UTF8.GetBytes(chunk.Raw ?? string.Empty);
        }

        byte[] json = WireJson.ToCompactBytes(chunk.Data);
        byte[] bytes = new byte[6 + json.Length + 4];
        "data: "u8.CopyTo(bytes);
        json.CopyTo(bytes, 6);
        "\r\n\r\n"u8.CopyTo(bytes.AsSpan(6 + json.Length));
        return bytes;
    }

    private static byte[] Pretty(CassetteResponse response)
    {
        byte[] json = WireJson.ToPrettyBytes(response.Json);
        byte[] body = new byte[json.Length + 1];
        json.CopyTo(body, 0);
        body[^1] = (byte)'\n';
        return body;
    }
}
