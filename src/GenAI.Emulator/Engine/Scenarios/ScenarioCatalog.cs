using System.Collections.Generic;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>The scenario model ids listed by models.list (one example per scenario).</summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyList<string> ListedExamples = new[]
    {
        "echo",
        "blocked",
        "safety-stop",
        "recitation",
        "gated",
        "slow-100ms",
        "delay-1000ms",
        "fault-429-then-ok",
        "fault-503x2",
        "fault-500",
        "fault-midstream-2",
        "fault-reset",
        "fault-reset-after-2",
        "fault-hang",
        "fault-malformed",
        "fault-oversized",
        "stream-10",
    };
}
