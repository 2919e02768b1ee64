using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine;

/// <summary>How a verbatim body is labelled by a transport.</summary>
public enum BodyFormat
{
    /// <summary><c>application/json; charset=UTF-8</c>.</summary>
    Json,

    /// <summary><c>text/event-stream</c>.</summary>
    EventStream,
}

/// <summary>
/// A successful unary result: a JSON body, or verbatim bytes (replays, malformed replies) with their
/// status code. Errors are thrown as <see cref="ApiException"/>, aborts as <see cref="ConnectionAbortException"/>.
/// </summary>
public sealed class UnaryOutcome
{
    private UnaryOutcome(JsonNode? json, ReadOnlyMemory<byte> verbatim, int statusCode, BodyFormat format)
    {
        Json = json;
        Verbatim = verbatim;
        StatusCode = statusCode;
        Format = format;
    }

    /// <summary>The body to serialise (pretty) when not verbatim.</summary>
    public JsonNode? Json { get; }

    public ReadOnlyMemory<byte> Verbatim { get; }

    public bool IsVerbatim => Json is null;

    public int StatusCode { get; }

    public BodyFormat Format { get; }

    public static UnaryOutcome Of(JsonNode body) => new(body, default, 200, BodyFormat.Json);

    public static UnaryOutcome Raw(ReadOnlyMemory<byte> body, int statusCode, BodyFormat format) => new(null, body, statusCode, format);
}

/// <summary>What a stream event asks the transport to do.</summary>
public enum StreamEventKind
{
    /// <summary>A GenerateContentResponse chunk (<see cref="StreamEvent.Json"/> is compact UTF-8 JSON).</summary>
    Chunk,

    /// <summary>A broken chunk: <see cref="StreamEvent.Json"/> holds invalid JSON text to send as the event payload.</summary>
    Malformed,

    /// <summary>A mid-stream error (<see cref="StreamEvent.Error"/>); the stream ends after it.</summary>
    Error,

    /// <summary>Drop the connection now.</summary>
    Abort,
}

/// <summary>
/// One step of a streamed reply. <see cref="Json"/> may live in a buffer that the producer reuses:
/// it is valid only until the enumerator's next <c>MoveNextAsync</c>.
/// </summary>
public readonly struct StreamEvent
{
    public StreamEvent(StreamEventKind kind, ReadOnlyMemory<byte> json, ApiError? error = null)
    {
        Kind = kind;
        Json = json;
        Error = error;
    }

    public StreamEventKind Kind { get; }

    public ReadOnlyMemory<byte> Json { get; }

    public ApiError? Error { get; }

    public static StreamEvent Chunk(ReadOnlyMemory<byte> json) => new(StreamEventKind.Chunk, json);
}

/// <summary>A streaming result: either a sequence of events or a verbatim body (replay).</summary>
public sealed class StreamOutcome
{
    private StreamOutcome(IAsyncEnumerable<StreamEvent>? events, UnaryOutcome? verbatim)
    {
        Events = events;
        VerbatimBody = verbatim;
    }

    public IAsyncEnumerable<StreamEvent>? Events { get; }

    public UnaryOutcome? VerbatimBody { get; }

    public static StreamOutcome Of(IAsyncEnumerable<StreamEvent> events) => new(events, null);

    public static StreamOutcome Raw(UnaryOutcome verbatim) => new(null, verbatim);
}
