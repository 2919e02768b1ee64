using System;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;

namespace GenAI.Emulator.Engine.Scenarios;

/// <summary>
/// What scenario models do before any reply is built: count the call, wait (delay-N, fault-hang),
/// drop the connection (fault-reset) or fail (fault-429-then-ok, fault-503x2, fault-500).
/// </summary>
internal sealed class ScenarioEffects
{
    private readonly ScenarioCounters _counters;

    public ScenarioEffects(ScenarioCounters counters)
    {
        _counters = counters;
    }

    public async Task BeforeReplyAsync(Scenario scenario, string modelId, CancellationToken cancellationToken)
    {
        int call = _counters.NextCall(modelId);
        switch (scenario.Kind)
        {
            case ScenarioKind.Delay:
                await Task.Delay(TimeSpan.FromMilliseconds(scenario.Number), cancellationToken).ConfigureAwait(false);
                break;
            case ScenarioKind.FaultHang:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                break;
            case ScenarioKind.FaultReset:
                throw new ConnectionAbortException();
            default:
                ThrowIfRefused(scenario, call, modelId);
                break;
        }
    }

    /// <summary>
    /// The refusals, also used for uploads: fault-429-then-ok refuses call 1 (RetryInfo 1 s), fault-503x2 calls 1 and 2,
    /// fault-500 every call. <paramref name="call"/> is the 1-based call number of <paramref name="id"/>.
    /// </summary>
    public static void ThrowIfRefused(Scenario scenario, int call, string id)
    {
        switch (scenario.Kind)
        {
            case ScenarioKind.Fault429ThenOk when call == 1:
                throw new ApiException(ApiErrors.QuotaExceeded(id, TimeSpan.FromSeconds(1)));
            case ScenarioKind.Fault503Twice when call <= 2:
                throw new ApiException(ApiErrors.Overloaded());
            case ScenarioKind.Fault500:
                throw new ApiException(ApiErrors.Internal());
        }
    }
}
