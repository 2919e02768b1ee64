using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>
/// Gates for <c>gated*</c> models. A gate is closed until released; once released it stays open for
/// that model id (also for later requests) until <see cref="Reset()"/>. Releasing before anyone
/// waits is fine: the next wait passes at once. Tests observe a reply being held through
/// <see cref="Waiting"/> and <see cref="WhenWaitingAsync"/> instead of sleeping and checking nothing arrived.
/// </summary>
public sealed class GateRegistry
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly object _waitersLock = new();
    private event Action? WaitingChanged;

    public void Release(string modelId) => Gate(modelId).TrySetResult();

    /// <summary>Waits until released, <paramref name="timeout"/> passes (then returns false) or cancellation.</summary>
    public async Task<bool> WaitAsync(string modelId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task gate = Gate(modelId).Task;
        if (gate.IsCompleted)
        {
            return true;
        }

        ChangeWaiting(modelId, +1);
        try
        {
            await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            ChangeWaiting(modelId, -1);
        }
    }

    /// <summary>How many requests of the model are held at its closed gate right now.</summary>
    public int Waiting(string modelId) => _waiting.TryGetValue(modelId, out int count) ? count : 0;

    /// <summary>Completes once at least <paramref name="count"/> requests of the model are held at its gate.</summary>
    public async Task WhenWaitingAsync(string modelId, int count, CancellationToken cancellationToken = default)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Waiting(modelId) >= count)
            {
                reached.TrySetResult();
            }
        }

        lock (_waitersLock)
        {
            WaitingChanged += Check;
        }

        try
        {
            Check();
            await reached.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_waitersLock)
            {
                WaitingChanged -= Check;
            }
        }
    }

    private void ChangeWaiting(string modelId, int delta)
    {
        _waiting.AddOrUpdate(modelId, Math.Max(delta, 0), (_, count) => Math.Max(count + delta, 0));
        Action? changed;
        lock (_waitersLock)
        {
            changed = WaitingChanged;
        }

        changed?.Invoke();
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
