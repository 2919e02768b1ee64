using System.Collections.Concurrent;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>Per-model-name call counters (fault-429-then-ok, fault-503x2); reset by /emulator/reset.</summary>
public sealed class ScenarioCounters
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Counts a call and returns its 1-based number for <paramref name="modelId"/>.</summary>
    public int NextCall(string modelId) => _calls.AddOrUpdate(modelId, 1, (_, n) => n + 1);

    public void Reset() => _calls.Clear();

    public void Reset(string modelId) => _calls.TryRemove(modelId, out _);
}
