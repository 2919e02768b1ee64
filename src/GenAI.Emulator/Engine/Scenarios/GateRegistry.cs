using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>
/// Gates for <c>gated*</c> models. A gate is closed until released; once released it stays open for
/// that model id (also for later requests) until <see cref="Reset()"/>. Releasing before anyone
/// waits is fine: the next wait passes at once.
/// </summary>
public sealed class GateRegistry
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);

    public void Release(string modelId) => Gate(modelId).TrySetResult();

    /// <summary>Waits until released, <paramref name="timeout"/> passes (then returns false) or cancellation.</summary>
    public async Task<bool> WaitAsync(string modelId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Gate(modelId).Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Reset()
    {
        foreach (var gate in _gates.Values)
        {
            gate.TrySetResult();
        }

        _gates.Clear();
    }

    public void Reset(string modelId)
    {
        if (_gates.TryRemove(modelId, out var gate))
        {
            gate.TrySetResult();
        }
    }

    private TaskCompletionSource Gate(string modelId) =>
        _gates.GetOrAdd(modelId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
