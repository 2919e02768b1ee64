using System;
using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Errors;

/// <summary>
/// A google.rpc.Status as the Gemini REST front end returns it:
/// <c>{"error": {"code", "message", "status", "details"}}</c>. Transport independent: the REST
/// adapter maps <see cref="Code"/> to the HTTP status, a gRPC adapter would map <see cref="Status"/>.
/// </summary>
public sealed class ApiError
{
    public ApiError(int code, string status, string message, JsonArray? details = null, TimeSpan? retryAfter = null)
    {
        Code = code;
        Status = status;
        Message = message;
        Details = details;
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status code (also the <c>error.code</c> member).</summary>
    public int Code { get; }

    /// <summary>Canonical status name, e.g. <c>INVALID_ARGUMENT</c>.</summary>
    public string Status { get; }

    public string Message { get; }

    /// <summary>Typed detail objects (<c>@type</c> ...); null when the service sends none.</summary>
    public JsonArray? Details { get; }

    /// <summary>When set, the REST adapter adds a <c>Retry-After</c> header (whole seconds).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The wire body, <c>{"error": {...}}</c>.</summary>
    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["code"] = Code,
            ["message"] = Message,
            ["status"] = Status,
        };
        if (Details is { Count: > 0 })
        {
            error["details"] = Details.DeepClone();
        }

        return new JsonObject { ["error"] = error };
    }

    public override string ToString() => $"{Code} {Status}: {Message}";
}
