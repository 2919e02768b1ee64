using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Cassettes;

/// <summary>
/// A request as a cassette stores and matches it: method, path, the model it names, the query without
/// <c>key</c> or <c>upload_id</c>, the allow-listed upload headers, and the body normalised (JSON with sorted
/// keys; bytes of uploads as a SHA-256 digest). Two requests match when their <see cref="MatchKey"/>s are equal.
/// </summary>
internal sealed class CassetteRequest
{
    public CassetteRequest(string method, string path, JsonObject query, JsonObject headers, JsonNode? body)
    {
        Method = method.ToUpperInvariant();
        Path = path;
        Query = (JsonObject)CassetteJson.Sorted(query)!;
        Headers = (JsonObject)CassetteJson.Sorted(headers)!;
        Body = CassetteJson.Sorted(body);
        MatchKey = Method + " " + Path + " " + CassetteJson.ToCanonical(MatchedParts());
        Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(MatchKey)))[..12].ToLowerInvariant();
    }

    public string Method { get; }

    /// <summary>e.g. <c>/v1beta/models/gemini-2.5-flash:generateContent</c>.</summary>
    public string Path { get; }

    public JsonObject Query { get; }

    public JsonObject Headers { get; }

    /// <summary><c>{"json": ...}</c>, <c>{"text": "..."}</c> or <c>{"sha256": "...", "length": n}</c>; null when empty.</summary>
    public JsonNode? Body { get; }

    public string MatchKey { get; }

    /// <summary>The first 12 hex digits of the SHA-256 of <see cref="MatchKey"/>: the stable part of the file name.</summary>
    public string Hash { get; }

    /// <summary>The model (or tuned model) the path names, e.g. <c>models/gemini-2.5-flash</c>; null for files, caches, ...</summary>
    public string? Model
    {
        get
        {
            string[] segments = Path.TrimStart('/').Split('/');
            for (int i = 0; i + 1 < segments.Length; i++)
            {
                if (segments[i] is "models" or "tunedModels")
                {
                    return segments[i] + "/" + segments[i + 1].Split(':')[0];
                }
            }

            return null;
        }
    }

    /// <summary><c>post-models.gemini-2.5-flash.generateContent-3fa9c2d41b07</c> (and <c>-2</c>, <c>-3</c> ... for repeats).</summary>
    public string FileStem(int sequence)
    {
        string route = Path.TrimStart('/');
        foreach (string version in new[] { "v1beta/", "v1/" })
        {
            if (route.StartsWith(version, StringComparison.Ordinal))
            {
                route = route[version.Length..];
                break;
            }
        }

        route = route.Replace("/v1beta", string.Empty, StringComparison.Ordinal);
        var slug = new StringBuilder(Method.ToLowerInvariant()).Append('-');
        foreach (char c in route.Length > 80 ? route[..80] : route)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '.');
        }

        slug.Append('-').Append(Hash);
        return sequence > 1 ? $"{slug}-{sequence}" : slug.ToString();
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["method"] = Method, ["path"] = Path };
        if (Model is { } model)
        {
            json["model"] = model;
        }

        json["query"] = Query.DeepClone();
        json["headers"] = Headers.DeepClone();
        if (Body is not null)
        {
            json["body"] = Body.DeepClone();
        }

        return json;
    }

    public static CassetteRequest FromJson(JsonObject json) => new(
        (string?)json["method"] ?? throw new FormatException("request.method is missing."),
        (string?)json["path"] ?? throw new FormatException("request.path is missing."),
        json["query"] as JsonObject ?? new JsonObject(),
        json["headers"] as JsonObject ?? new JsonObject(),
        json["body"]);

    /// <summary>What is compared (besides method and path): query, headers and body.</summary>
    public JsonObject MatchedParts() => new()
    {
        ["query"] = Query.DeepClone(),
        ["headers"] = Headers.DeepClone(),
        ["body"] = Body?.DeepClone(),
    };

    public override string ToString() => Method + " " + Path + (Query.Count > 0
        ? "?" + string.Join("&", Query.Select(p => p.Key + "=" + (string?)p.Value))
        : string.Empty);
}
