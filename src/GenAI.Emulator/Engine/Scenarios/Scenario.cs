namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>What a scenario model does; chosen by the model id's prefix.</summary>
public enum ScenarioKind
{
    /// <summary><c>echo</c>: the ordinary echo reply (its own counters, for isolation).</summary>
    Echo,
    Blocked,
    SafetyStop,
    Recitation,
    Gated,
    Slow,
    Delay,
    Fault429ThenOk,
    Fault503Twice,
    Fault500,
    FaultMidstream,
    FaultReset,
    FaultResetAfter,
    FaultResetGatedAfter,
    FaultHang,
    FaultMalformed,
    FaultOversized,
    Stream,

    /// <summary><c>redirect-to-{port}</c>: HTTP 307 to the same path on <c>127.0.0.1:{port}</c>, model <c>echo</c> (REST only).</summary>
    Redirect,

    /// <summary><c>fault-silence-{status}</c>: headers of that status and the start of a body, then nothing (REST only).</summary>
    FaultSilence,

    /// <summary><c>fault-silence-array</c>: a stream answered in the JSON-array form, cut off after its first bytes (REST only).</summary>
    FaultSilenceArray,
}

/// <summary>A parsed scenario model id: the kind and its number (milliseconds or chunk count).</summary>
public readonly record struct Scenario(ScenarioKind Kind, int Number)
{
    public string Describe() => Kind switch
    {
        ScenarioKind.Echo => "plain echo reply.",
        ScenarioKind.Blocked => "the prompt is blocked (promptFeedback.blockReason SAFETY).",
        ScenarioKind.SafetyStop => "the candidate stops with finishReason SAFETY.",
        ScenarioKind.Recitation => "the candidate stops with finishReason RECITATION.",
        ScenarioKind.Gated => "the reply (last stream chunk) waits for POST /emulator/gates/{model}/release.",
        ScenarioKind.Slow => $"{Number} ms between stream chunks.",
        ScenarioKind.Delay => $"waits {Number} ms before replying.",
        ScenarioKind.Fault429ThenOk => "first call 429 RESOURCE_EXHAUSTED with RetryInfo, then success.",
        ScenarioKind.Fault503Twice => "503 UNAVAILABLE twice, then success.",
        ScenarioKind.Fault500 => "always 500 INTERNAL.",
        ScenarioKind.FaultMidstream => $"streams {Number} chunks, then a bare 503 error object.",
        ScenarioKind.FaultReset => "drops the connection before replying.",
        ScenarioKind.FaultResetAfter => $"drops the connection after {Number} stream chunks.",
        ScenarioKind.FaultResetGatedAfter => $"sends {Number} stream chunks, then drops the connection once POST /emulator/gates/{{model}}/release says the client has read them.",
        ScenarioKind.FaultHang => "never replies.",
        ScenarioKind.FaultMalformed => "replies 200 with malformed JSON.",
        ScenarioKind.FaultOversized => "replies with about 10 MB of text.",
        ScenarioKind.Stream => $"streams exactly {Number} small chunks.",
        ScenarioKind.FaultSilence => $"sends HTTP {Number} headers and the start of a body, then nothing.",
        ScenarioKind.FaultSilenceArray => "answers a stream as a JSON array, then sends nothing after its first bytes.",
        ScenarioKind.Redirect => $"answers 307 to the same call on http://127.0.0.1:{Number} (model echo).",
        _ => Kind.ToString(),
    };
}
