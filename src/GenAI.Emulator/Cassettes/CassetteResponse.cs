using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// A recorded reply: status, the allow-listed headers, and the body — parsed JSON for unary replies, one entry
/// per server-sent event for streams (so chunk boundaries survive), or text. <c>X-Goog-Upload-URL</c> is kept
/// as a path and query only: whoever serves the reply points it back at itself.
/// </summary>
internal sealed class CassetteResponse
{
    /// <summary>Response headers worth keeping; the rest (dates, timings, server names) change on every run.</summary>
    public static readonly string[] KeptHeaders =
    {
        "content-type", "content-disposition", "retry-after",
        "x-goog-upload-status", "x-goog-upload-url", "x-goog-upload-chunk-granularity", "x-goog-upload-size-received",
        "x-goog-upload-control-url", "x-guploader-uploadid",
    };

    public const string UploadUrlHeader = "x-goog-upload-url";
    public const string UploadControlUrlHeader = "x-goog-upload-control-url";

    public int Status { get; init; }

    public SortedDictionary<string, string> Headers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>A unary JSON body (member order as the service sent it).</summary>
    public JsonNode? Json { get; init; }

    /// <summary>A body that is not JSON (an HTML error page, say); null when there is none.</summary>
    public string? Text { get; init; }

    /// <summary>The events of a <c>text/event-stream</c> reply, in order; null for other replies.</summary>
    public IReadOnlyList<StreamChunk>? Events { get; init; }

    /// <summary>True when the upstream dropped the connection mid-reply: the replay drops it too.</summary>
    public bool ConnectionDropped { get; init; }

    public bool IsEventStream => Events is not null;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["status"] = Status,
            ["headers"] = new JsonObject(Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
        };
        if (Events is not null)
        {
            json["events"] = new JsonArray(Events.Select(e => (JsonNode?)e.ToJson()).ToArray());
        }
        else if (Json is not null)
        {
            json["body"] = Json.DeepClone();
        }
        else if (Text is not null)
        {
            json["text"] = Text;
        }

        if (ConnectionDropped)
        {
            json["connectionDropped"] = true;
        }

        return json;
    }

    public static CassetteResponse FromJson(JsonObject json) => new()
    {
        Status = (int?)json["status"] ?? throw new FormatException("response.status is missing."),
        Headers = new SortedDictionary<string, string>(
            (json["headers"] as JsonObject ?? new JsonObject()).ToDictionary(h => h.Key.ToLowerInvariant(), h => (string?)h.Value ?? string.Empty),
            StringComparer.Ordinal),
        Json = json["body"]?.DeepClone(),
        Text = (string?)json["text"],
        Events = json["events"] is JsonArray events ? events.Select(e => StreamChunk.FromJson(e as JsonObject ?? new JsonObject())).ToList() : null,
        ConnectionDropped = (bool?)json["connectionDropped"] ?? false,
    };

    /// <summary>The body of a non-stream reply as it was received: JSON when it parses, else text.</summary>
    public static (JsonNode? Json, string? Text) ParseBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonNode.Parse(body), null);
        }
        catch (JsonException)
        {
            return (null, Encoding.UTF8.GetString(body));
        }
    }
}

/// <summary>
/// One server-sent event: <c>{"data": {...}}</c> for a <c>data: &lt;json&gt;</c> event (replayed as one compact
/// line), or <c>{"raw": "..."}</c> for anything else — say the bare error object the service sends mid-stream —
/// replayed byte for byte.
/// </summary>
internal sealed record StreamChunk(JsonNode? Data, string? Raw)
{
    public JsonObject ToJson() => Data is not null ? new JsonObject { ["data"] = Data.DeepClone() } : new JsonObject { ["raw"] = Raw };

    public static StreamChunk FromJson(JsonObject json) => json.ContainsKey("data")
        ? new StreamChunk(json["data"]?.DeepClone(), null)
        : new StreamChunk(null, (string?)json["raw"] ?? string.Empty);

    /// <summary>Parses one event's text including its terminating blank line.</summary>
    public static StreamChunk Parse(string text)
    {
        string trimmed = text.TrimEnd('\r', '\n');
        if (trimmed.StartsWith("data: ", StringComparison.Ordinal) && !trimmed.Contains('\n') && text.EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            try
            {
                return new StreamChunk(JsonNode.Parse(trimmed["data: ".Length..]), null);
            }
            catch (JsonException)
            {
            }
        }

        return new StreamChunk(null, text);
    }
}
