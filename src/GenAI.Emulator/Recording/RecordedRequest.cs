using System;
using System.Collections.Generic;

namespace GenAI.Emulator;

/// <summary>One API request as the emulator received it, with the API key redacted.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The path, e.g. <c>/v1beta/models/gemini-2.0-flash:generateContent</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The query string with its leading <c>?</c> (empty when none); any <c>key=</c> value is <c>***</c>.</summary>
    public required string Query { get; init; }

    /// <summary>Request headers (case-insensitive names); <c>x-goog-api-key</c> and <c>Authorization</c> values are <c>***</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body as UTF-8 text, cut to the recording limit (64 KiB for uploads).</summary>
    public required string Body { get; init; }

    /// <summary>The full body length in bytes (also when <see cref="Body"/> was cut).</summary>
    public required long BodyLength { get; init; }

    /// <summary>True when <see cref="Body"/> holds only the start of the body.</summary>
    public bool BodyTruncated { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The TCP connection the request came on (Kestrel's connection id): requests of one client pool share it.</summary>
    public string Connection { get; init; } = string.Empty;

    /// <summary>Monotonic sequence number within one emulator instance.</summary>
    public long Sequence { get; init; }
}
