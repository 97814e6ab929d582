using DynaSplit.Online;
using DynaSplit.Simulation.Serving;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Replay;

namespace DynaSplit.Simulation.Comparison;

/// <summary>
/// Replays a workload through strategies: each request's configuration is chosen by the strategy and answered
/// with a recorded run of that configuration drawn at random (the same seed for every strategy).
/// </summary>
public static class OnlineSimulation
{
    /// <summary>Runs every strategy over the thresholds.</summary>
    /// <param name="pool">The recorded runs.</param>
    /// <param name="strategies">The strategies to compare.</param>
    /// <param name="thresholdsMs">The requests' latency thresholds.</param>
    /// <param name="seed">Seed of the draws of recorded runs.</param>
    /// <param name="cloudOnlyEnergyJ">Cloud-only mean energy for the savings column; computed from the pool when null.</param>
    /// <param name="switchCosts">The cost of each change of hardware settings; free (the published model) when null.</param>
    /// <param name="network">A changing link and request arrivals (see <see cref="NetworkConditions"/>); the recorded link, back to back, when null.</param>
    /// <param name="recordRequests">Keep every request in <see cref="StrategyOutcome.Requests"/> (replays over <paramref name="network"/> only).</param>
    public static IReadOnlyList<StrategyOutcome> Run(
        MeasurementPool pool,
        IReadOnlyList<IScheduler> strategies,
        IReadOnlyList<double> thresholdsMs,
        int seed,
        double? cloudOnlyEnergyJ = null,
        ISwitchCostModel? switchCosts = null,
        NetworkConditions? network = null,
        bool recordRequests = false)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(thresholdsMs);
        if (thresholdsMs.Count == 0)
        {
            throw new ArgumentException("The workload has no requests.", nameof(thresholdsMs));
        }

        network?.Validate();
        StrategyOutcome ServeOne(IScheduler s) => network is null ? Serve(pool, s, thresholdsMs, seed, switchCosts) : NetworkServing.Serve(pool, s, thresholdsMs, seed, switchCosts, network, recordRequests);
        var raw = strategies.Select(ServeOne).ToList();
        var cloud = cloudOnlyEnergyJ;
        if (cloud is null && Strategies.Baselines.FindCloudOnly(pool) is { } cloudOnly)
        {
            // Every strategy is served with the same seed, so a strategy that is cloud only already has the figure.
            var served = strategies.Select((s, i) => (s, i)).FirstOrDefault(p => p.s is StaticScheduler fixedOne && fixedOne.Configuration.Equals(cloudOnly));
            cloud = served.s is not null
                ? raw[served.i].MeanEnergyJ
                : ServeOne(new StaticScheduler(Strategies.Baselines.CloudOnly, cloudOnly)).MeanEnergyJ;
        }

        return raw.Select(r => r with { EnergySavedVsCloud = cloud is { } c && c > 0 ? 1 - (r.MeanEnergyJ / c) : double.NaN }).ToList();
    }

    private static StrategyOutcome Serve(MeasurementPool pool, IScheduler strategy, IReadOnlyList<double> thresholdsMs, int seed, ISwitchCostModel? switchCosts)
    {
        // The live runtime's loop, over a replay: the recorded runs are drawn in request order with the seed, so every
        // strategy sees the same draws, and a switch cost of zero reproduces the published simulation exactly.
        var backend = new ReplayServingBackend(pool, seed, switchCosts);
        var clock = new SimulatedClock();
        using var loop = new ServingLoop<Unit>(strategy, backend, clock, switchCosts);
        double latency = 0, energy = 0;
        var met = 0;
        foreach (var threshold in thresholdsMs)
        {
            var served = loop.ServeAsync(new InferenceRequest(threshold), default, CancellationToken.None);
            var result = served.IsCompletedSuccessfully ? served.Result : served.AsTask().GetAwaiter().GetResult();
            clock.Advance(TimeSpan.FromMilliseconds(result.LatencyMs));
            latency += result.LatencyMs;
            energy += result.Execution.EnergyJ ?? 0;
            if (result.MetThreshold)
            {
                met++;
            }
        }

        var n = thresholdsMs.Count;
        return new StrategyOutcome(strategy.Name, latency / n, energy / n, (double)met / n, double.NaN) { Switches = backend.Switches };
    }
}
