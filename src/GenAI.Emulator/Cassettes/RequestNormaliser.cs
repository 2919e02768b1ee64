using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// Turns an incoming request into the <see cref="CassetteRequest"/> it is recorded and matched as. Secrets and
/// values that change on every run are left out: the <c>key</c> query parameter and every header but the
/// upload protocol's, the <c>upload_id</c> (a new one per upload), a multipart boundary.
/// </summary>
internal static class RequestNormaliser
{
    private static readonly HashSet<string> s_ignoredQuery = new(StringComparer.OrdinalIgnoreCase) { "key", "upload_id", "$key" };

    private static readonly string[] s_matchedHeaders =
    {
        "x-goog-upload-protocol", "x-goog-upload-command", "x-goog-upload-offset",
        "x-goog-upload-header-content-length", "x-goog-upload-header-content-type",
    };

    public static CassetteRequest Normalise(HttpRequest request, ReadOnlyMemory<byte> body, string? secret)
    {
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            if (!s_ignoredQuery.Contains(name))
            {
                query[name] = values.ToString();
            }
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in s_matchedHeaders)
        {
            string value = request.Headers[name].ToString().Trim();
            if (value.Length > 0)
            {
                headers[name] = name == "x-goog-upload-command" ? value.ToLowerInvariant() : value;
            }
        }

        bool upload = request.Path.StartsWithSegments("/upload", StringComparison.Ordinal);
        string? boundary = null;
        if (upload && MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type))
        {
            boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            headers["content-type"] = type.MediaType.Value ?? string.Empty;
        }

        bool bytesOnly = upload && !string.Equals(headers.GetValueOrDefault("x-goog-upload-command"), "start", StringComparison.Ordinal);
        return new CassetteRequest(
            request.Method,
            request.Path.Value ?? "/",
            ToObject(query, secret),
            ToObject(headers, secret),
            NormaliseBody(body, bytesOnly, boundary, secret));
    }

    /// <summary>
    /// JSON → <c>{"json": sorted}</c>; the bytes of an upload → <c>{"sha256", "length"}</c> (a multipart
    /// boundary replaced first, as clients pick a new one each time); other text → <c>{"text"}</c>.
    /// </summary>
    private static JsonNode? NormaliseBody(ReadOnlyMemory<byte> body, bool bytesOnly, string? boundary, string? secret)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        if (bytesOnly)
        {
            byte[] bytes = body.ToArray();
            if (!string.IsNullOrEmpty(boundary))
            {
                bytes = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace(boundary, "BOUNDARY", StringComparison.Ordinal));
            }

            return new JsonObject
            {
                ["sha256"] = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(),
                ["length"] = body.Length,
            };
        }

        try
        {
            JsonNode? json = JsonNode.Parse(body.Span);
            return new JsonObject { ["json"] = Redact(json, secret) };
        }
        catch (JsonException)
        {
            string text = Encoding.UTF8.GetString(body.Span);
            return new JsonObject { ["text"] = Redact(text, secret) };
        }
    }

    private static JsonObject ToObject(SortedDictionary<string, string> values, string? secret) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Redact(p.Value, secret))));

    private static JsonNode? Redact(JsonNode? node, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || node is null)
        {
            return node;
        }

        string text = node.ToJsonString();
        return text.Contains(secret, StringComparison.Ordinal) ? JsonNode.Parse(text.Replace(secret, CassetteLibrary.Redacted, StringComparison.Ordinal)) : node;
    }

    private static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, CassetteLibrary.Redacted, StringComparison.Ordinal);
}
