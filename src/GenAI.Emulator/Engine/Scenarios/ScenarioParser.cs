using System;
using System.Globalization;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>
/// Maps a model id to its scenario by prefix. Anything after the prefix (after the number for
/// numbered ones) is a free tag: <c>fault-503x2-abc</c>, <c>slow-20ms-t1</c>, <c>stream-100-x</c>.
/// </summary>
public static class ScenarioParser
{
    public const int MaxStreamChunks = 100_000;

    // Order matters: longer prefixes that share a start come first.
    private static readonly (string Prefix, ScenarioKind Kind, string? Suffix)[] s_rules =
    {
        ("fault-429-then-ok", ScenarioKind.Fault429ThenOk, null),
        ("fault-503x2", ScenarioKind.Fault503Twice, null),
        ("fault-500", ScenarioKind.Fault500, null),
        ("fault-midstream-", ScenarioKind.FaultMidstream, string.Empty),
        ("fault-reset-after-", ScenarioKind.FaultResetAfter, string.Empty),
        ("fault-reset-gated-after-", ScenarioKind.FaultResetGatedAfter, string.Empty),
        ("fault-reset", ScenarioKind.FaultReset, null),
        ("fault-hang", ScenarioKind.FaultHang, null),
        ("fault-silence-array", ScenarioKind.FaultSilenceArray, null),
        ("fault-silence-", ScenarioKind.FaultSilence, string.Empty),
        ("fault-malformed", ScenarioKind.FaultMalformed, null),
        ("fault-oversized", ScenarioKind.FaultOversized, null),
        ("safety-stop", ScenarioKind.SafetyStop, null),
        ("recitation", ScenarioKind.Recitation, null),
        ("blocked", ScenarioKind.Blocked, null),
        ("gated", ScenarioKind.Gated, null),
        ("slow-", ScenarioKind.Slow, "ms"),
        ("delay-", ScenarioKind.Delay, "ms"),
        ("stream-", ScenarioKind.Stream, string.Empty),
        ("redirect-to-", ScenarioKind.Redirect, string.Empty),
        ("echo", ScenarioKind.Echo, null),
    };

    public static bool TryParse(string modelId, out Scenario scenario)
    {
        scenario = default;
        foreach (var (prefix, kind, suffix) in s_rules)
        {
            if (!modelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (suffix is null)
            {
                scenario = new Scenario(kind, 0);
                return true;
            }

            int end = prefix.Length;
            while (end < modelId.Length && char.IsAsciiDigit(modelId[end]))
            {
                end++;
            }

            if (end == prefix.Length ||
                !int.TryParse(modelId.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int number) ||
                !modelId.AsSpan(end).StartsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }

            if (kind == ScenarioKind.Stream && (number < 1 || number > MaxStreamChunks))
            {
                return false;
            }

            scenario = new Scenario(kind, number);
            return true;
        }

        return false;
    }
}
