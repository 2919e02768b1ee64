using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Rest;

/// <summary>Writes unary bodies the way the service does: pretty JSON, <c>application/json; charset=UTF-8</c>.</summary>
internal static class ResponseWriter
{
    public const string JsonContentType = "application/json; charset=UTF-8";
    public const string EventStreamContentType = "text/event-stream";

    private static readonly byte[] s_notFoundHtml = System.Text.Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n" +
        "  <p><b>404.</b> <ins>That’s an error.</ins>\n  <p>The requested URL was not found on this server.  <ins>That’s all we know.</ins>\n");

    public static Task WriteJsonAsync(HttpContext context, JsonNode body, int statusCode = 200, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        return WriteBytesAsync(context, WithNewLine(WireJson.ToPrettyBytes(body)), cancellationToken);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.ToJson(), error.Code);
    }

    public static Task WriteOutcomeAsync(HttpContext context, UnaryOutcome outcome, CancellationToken cancellationToken)
    {
        if (!outcome.IsVerbatim)
        {
            return WriteJsonAsync(context, outcome.Json!, 200, cancellationToken);
        }

        context.Response.StatusCode = outcome.StatusCode;
        context.Response.ContentType = outcome.Format == BodyFormat.EventStream ? EventStreamContentType : JsonContentType;
        return WriteBytesAsync(context, outcome.Verbatim, cancellationToken);
    }

    /// <summary>The HTML page Google's front end serves for unknown paths.</summary>
    public static Task WriteNotFoundPageAsync(HttpContext context)
    {
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/html; charset=UTF-8";
        return WriteBytesAsync(context, s_notFoundHtml, CancellationToken.None);
    }

    public static async Task WriteBytesAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] WithNewLine(byte[] json)
    {
        byte[] result = new byte[json.Length + 1];
        json.CopyTo(result, 0);
        result[^1] = (byte)'\n';
        return result;
    }
}
