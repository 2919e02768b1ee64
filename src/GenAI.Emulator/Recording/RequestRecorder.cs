using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace GenAI.Emulator.Recording;

/// <summary>Turns an HTTP request into a redacted <see cref="RecordedRequest"/>.</summary>
internal static class RequestRecorder
{
    private static readonly Regex s_keyParameter = new(@"(?<=(^|[?&])key=)[^&]*", RegexOptions.Compiled | RegexOptions.IgnoreCase);
    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase) { "x-goog-api-key", "authorization" };

    public static RecordedRequest Capture(HttpRequest request, ReadOnlyMemory<byte> body, int maxBodyBytes, long sequence)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = s_secretHeaders.Contains(name) ? "***" : values.ToString();
        }

        int shown = Math.Min(body.Length, maxBodyBytes);
        return new RecordedRequest
        {
            Method = request.Method,
            Path = request.Path.Value ?? string.Empty,
            Query = RedactQuery(request.QueryString.Value ?? string.Empty),
            Headers = headers,
            Body = Encoding.UTF8.GetString(body.Span[..shown]),
            BodyLength = body.Length,
            BodyTruncated = shown < body.Length,
            Timestamp = DateTimeOffset.UtcNow,
            Connection = request.HttpContext.Connection.Id,
            Sequence = sequence,
        };
    }

    public static string RedactQuery(string query) => s_keyParameter.Replace(query, "***");

    public static JsonArray ToJson(IEnumerable<RecordedRequest> requests) => new(requests.Select(r => (JsonNode?)new JsonObject
    {
        ["sequence"] = r.Sequence,
        ["timestamp"] = r.Timestamp.ToString("O"),
        ["connection"] = r.Connection,
        ["method"] = r.Method,
        ["path"] = r.Path,
        ["query"] = r.Query,
        ["headers"] = new JsonObject(r.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
        ["body"] = r.Body,
        ["bodyLength"] = r.BodyLength,
        ["bodyTruncated"] = r.BodyTruncated,
    }).ToArray());
}
