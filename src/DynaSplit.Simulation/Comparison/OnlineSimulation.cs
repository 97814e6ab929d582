using DynaSplit.Scheduling;
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
    public static IReadOnlyList<StrategyOutcome> Run(
        MeasurementPool pool,
        IReadOnlyList<IScheduler> strategies,
        IReadOnlyList<double> thresholdsMs,
        int seed,
        double? cloudOnlyEnergyJ = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(thresholdsMs);
        if (thresholdsMs.Count == 0)
        {
            throw new ArgumentException("The workload has no requests.", nameof(thresholdsMs));
        }

        var raw = strategies.Select(s => Serve(pool, s, thresholdsMs, seed)).ToList();
        var cloud = cloudOnlyEnergyJ;
        if (cloud is null && Strategies.Baselines.FindCloudOnly(pool) is { } cloudOnly)
        {
            // Every strategy is served with the same seed, so a strategy that is cloud only already has the figure.
            var served = strategies.Select((s, i) => (s, i)).FirstOrDefault(p => p.s is StaticScheduler fixedOne && fixedOne.Configuration.Equals(cloudOnly));
            cloud = served.s is not null
                ? raw[served.i].MeanEnergyJ
                : Serve(pool, new StaticScheduler(Strategies.Baselines.CloudOnly, cloudOnly), thresholdsMs, seed).MeanEnergyJ;
        }

        return raw.Select(r => r with { EnergySavedVsCloud = cloud is { } c && c > 0 ? 1 - (r.MeanEnergyJ / c) : double.NaN }).ToList();
    }

    private static StrategyOutcome Serve(MeasurementPool pool, IScheduler strategy, IReadOnlyList<double> thresholdsMs, int seed)
    {
        var replay = new ReplayTestbed(pool, seed);
        double latency = 0, energy = 0;
        var met = 0;
        foreach (var threshold in thresholdsMs)
        {
            var run = replay.Draw(strategy.Select(new InferenceRequest(threshold)));
            latency += run.LatencyMs;
            energy += run.EnergyJ;
            if (run.LatencyMs <= threshold)
            {
                met++;
            }
        }

        var n = thresholdsMs.Count;
        return new StrategyOutcome(strategy.Name, latency / n, energy / n, (double)met / n, double.NaN);
    }
}
