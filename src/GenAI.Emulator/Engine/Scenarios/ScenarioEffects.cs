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
            case ScenarioKind.Fault429ThenOk when call == 1:
                throw new ApiException(ApiErrors.QuotaExceeded(modelId, TimeSpan.FromSeconds(1)));
            case ScenarioKind.Fault503Twice when call <= 2:
                throw new ApiException(ApiErrors.Overloaded());
            case ScenarioKind.Fault500:
                throw new ApiException(ApiErrors.Internal());
        }
    }
}
