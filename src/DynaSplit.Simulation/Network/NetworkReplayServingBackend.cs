using DynaSplit.Execution;
using DynaSplit.Online;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Serving;
using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// The serving loop's backend in a replay over a changing link: an inference is a recorded run drawn at random (the
/// same draws as <see cref="ReplayServingBackend"/> for the same seed), with its transfer moved to the bandwidth of
/// the trace at the time it happens.
/// </summary>
/// <remarks>
/// <para>
/// Rescaling a run whose recorded transfer took T ms for b bytes on a link of rate r₀: the serialization b × 8 / r₀ is
/// replaced by the time the trace needs for b bytes starting when the edge finishes (after any reconfiguration and the
/// edge's compute), and what remains of T (round trip, framing, noise; never below 0) is kept. A constant trace at r₀
/// reproduces the recorded runs.
/// </para>
/// <para>
/// Energy: the edge is assumed to draw its mean power over the run's edge and transfer time
/// (edge J / (edge ms + transfer ms)) during the extra (or saved) transfer time; the cloud's energy is as recorded
/// (the artifact measured it over the tail's compute only). No energy is charged for reconfiguring.
/// </para>
/// </remarks>
public sealed class NetworkReplayServingBackend : IServingBackend<Unit>
{
    private const string EdgeTier = "edge";
    private const string CloudTier = "cloud";
    private readonly ReplayTestbed _replay;
    private readonly ISwitchCostModel _switchCosts;
    private readonly NetworkConditions _network;
    private readonly TimeProvider _clock;
    private readonly double _recordedBitsPerMs;
    private readonly long _start;
    private double _pendingSwitchMs;

    /// <summary>Creates the backend.</summary>
    /// <param name="pool">The recorded runs.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="network">The link and its trace.</param>
    /// <param name="clock">The serving clock (its elapsed time is the trace's time).</param>
    /// <param name="switchCosts">The cost of reconfiguring; free when null.</param>
    public NetworkReplayServingBackend(MeasurementPool pool, int seed, NetworkConditions network, TimeProvider clock, ISwitchCostModel? switchCosts = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        _replay = new ReplayTestbed(pool, seed);
        _network = network;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _switchCosts = switchCosts ?? ConstantSwitchCost.Free;
        _recordedBitsPerMs = network.RecordedLink.BandwidthBitsPerSecond / 1000.0;
        _start = clock.GetTimestamp();
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

        _pendingSwitchMs = ms;
        return ValueTask.FromResult(TimeSpan.FromMilliseconds(ms));
    }

    /// <inheritdoc />
    public ValueTask<ExecutionOutcome> ExecuteAsync(Configuration configuration, Unit input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var run = _replay.Draw(configuration);
        var switchMs = _pendingSwitchMs;
        _pendingSwitchMs = 0;
        var bytes = _network.CutSizes.BytesOf(configuration);
        if (bytes == 0 || run.Latency is not { } latency)
        {
            return ValueTask.FromResult(new ExecutionOutcome(run.LatencyMs, run.EnergyJ, [], null));
        }

        var startSeconds = (_clock.GetElapsedTime(_start).TotalMilliseconds + switchMs + latency.EdgeMs) / 1000.0;
        var overheadMs = Math.Max(0, latency.TransferMs - (bytes * 8.0 / _recordedBitsPerMs));
        var transferMs = overheadMs + _network.Trace.SerializationMs(bytes, startSeconds);
        var extraMs = transferMs - latency.TransferMs;
        var energyJ = run.EnergyJ;
        if (run.Energy is { } energy && latency.EdgeMs + latency.TransferMs > 0)
        {
            energyJ = Math.Max(energy.CloudJ, energyJ + (energy.EdgeJ / (latency.EdgeMs + latency.TransferMs) * extraMs));
        }

        StageMeasurement[] stages =
        [
            new(0, EdgeTier, latency.EdgeMs, 0, 0, 0),
            new(1, CloudTier, latency.CloudMs, transferMs, bytes, 0),
        ];
        return ValueTask.FromResult(new ExecutionOutcome(run.LatencyMs + extraMs, energyJ, stages, null));
    }
}
