using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Serving;

/// <summary>
/// The serving loop's backend in a replay: an inference is a recorded run of the configuration drawn at random, a
/// reconfiguration costs what the switch-cost model says (no energy is charged for it: the pool records none).
/// </summary>
public sealed class ReplayServingBackend : IServingBackend<Unit>
{
    private readonly ReplayTestbed _replay;
    private readonly ISwitchCostModel _switchCosts;

    /// <summary>Creates the backend over <paramref name="pool"/>, drawing runs with <paramref name="seed"/>.</summary>
    public ReplayServingBackend(MeasurementPool pool, int seed, ISwitchCostModel? switchCosts = null)
    {
        _replay = new ReplayTestbed(pool, seed);
        _switchCosts = switchCosts ?? ConstantSwitchCost.Free;
    }

    /// <summary>How many times the configuration's hardware settings changed.</summary>
    public int Switches { get; private set; }

    /// <inheritdoc />
    public ValueTask<TimeSpan> ReconfigureAsync(Configuration? current, Configuration target, CancellationToken cancellationToken)
    {
        var ms = _switchCosts.EstimateMs(current, target);
        if (ConstantSwitchCost.HardwareDiffers(current, target) && current is not null)
        {
            Switches++;
        }

        return ValueTask.FromResult(TimeSpan.FromMilliseconds(ms));
    }

    /// <inheritdoc />
    public ValueTask<ExecutionOutcome> ExecuteAsync(Configuration configuration, Unit input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var run = _replay.Draw(configuration);
        return ValueTask.FromResult(new ExecutionOutcome(run.LatencyMs, run.EnergyJ, [], null));
    }
}
