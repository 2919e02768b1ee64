using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine;
using GenAI.Emulator.Engine.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace GenAI.Emulator.Grpc;

/// <summary>
/// The gRPC adapter's translation, proto ↔ the engine's REST JSON. Both sides are the same API, so the
/// standard proto3 JSON mapping (Google.Protobuf's JsonFormatter/JsonParser) is the whole translation:
/// requests are formatted to JSON for the engine, engine JSON is parsed into the reply message
/// (unknown JSON fields dropped), and an <see cref="ApiError"/> becomes a status with
/// <c>grpc-status-details-bin</c> (google.rpc.Status carrying the same details as the REST body).
/// </summary>
internal static class GrpcWire
{
    private static readonly TypeRegistry s_errorDetails = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);
    private static readonly JsonFormatter s_formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(s_errorDetails));
    private static readonly JsonParser s_parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithTypeRegistry(s_errorDetails));

    public static byte[] ToJsonBytes(IMessage message) => Encoding.UTF8.GetBytes(s_formatter.Format(message));

    public static T FromJson<T>(JsonNode? json) where T : IMessage, new() => FromJson<T>(json?.ToJsonString() ?? "{}");

    public static T FromJson<T>(ReadOnlySpan<byte> json) where T : IMessage, new() => FromJson<T>(Encoding.UTF8.GetString(json));

    public static T FromJson<T>(string json) where T : IMessage, new()
    {
        try
        {
            return s_parser.Parse<T>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            // A malformed or unparsable reply (fault-malformed, odd replays): gRPC has no way to send broken JSON.
            throw new RpcException(new Status(StatusCode.Internal, "The emulator produced a reply that is not a valid " + typeof(T).Name + ": " + ex.Message));
        }
    }

    /// <summary>"ttl" / "expire_time" FieldMask paths → the REST updateMask ("ttl,expireTime").</summary>
    public static string? ToUpdateMask(FieldMask? mask) =>
        mask is null || mask.Paths.Count == 0 ? null : string.Join(",", mask.Paths.Select(ToCamelCase));

    private static string ToCamelCase(string path)
    {
        var text = new StringBuilder(path.Length);
        bool upper = false;
        foreach (char c in path)
        {
            if (c == '_') { upper = true; continue; }
            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return text.ToString();
    }

    public static string? PageSize(int pageSize) => pageSize == 0 ? null : pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>The status a REST error becomes: code by name, message, and the details in grpc-status-details-bin.</summary>
    public static RpcException ToRpcException(ApiError error)
    {
        StatusCode code = ToStatusCode(error.Status, error.Code);
        var status = new Google.Rpc.Status { Code = (int)code, Message = error.Message };
        if (error.Details is { } details)
        {
            foreach (JsonNode? detail in details)
            {
                if (detail is null) continue;
                try { status.Details.Add(s_parser.Parse<Any>(detail.ToJsonString())); }
                catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or InvalidOperationException) { }
            }
        }
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new Status(code, error.Message), trailers);
    }

    /// <summary>A REST error body (<c>{"error": {...}}</c>, possibly array-wrapped) from a verbatim reply; null when it is none.</summary>
    public static RpcException? TryReadErrorBody(ReadOnlySpan<byte> body)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(body);
            if (node is JsonArray { Count: > 0 } array) node = array[0];
            if (node?["error"] is not JsonObject error) return null;
            int code = error["code"]?.GetValue<int>() ?? 500;
            string status = error["status"]?.GetValue<string>() ?? string.Empty;
            string message = error["message"]?.GetValue<string>() ?? string.Empty;
            return ToRpcException(new ApiError(code, status, message, error["details"]?.DeepClone() as JsonArray));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static StatusCode ToStatusCode(string status, int httpStatus)
    {
        if (System.Enum.TryParse(status.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out StatusCode code) && code != StatusCode.OK)
            return code;
        return httpStatus switch
        {
            400 => StatusCode.InvalidArgument,
            401 => StatusCode.Unauthenticated,
            403 => StatusCode.PermissionDenied,
            404 => StatusCode.NotFound,
            409 => StatusCode.AlreadyExists,
            429 => StatusCode.ResourceExhausted,
            499 => StatusCode.Cancelled,
            501 => StatusCode.Unimplemented,
            503 => StatusCode.Unavailable,
            504 => StatusCode.DeadlineExceeded,
            _ => StatusCode.Internal,
        };
    }
}
