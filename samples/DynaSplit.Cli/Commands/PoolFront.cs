using DynaSplit.Cli.Plotting;
using DynaSplit.Objectives;
using DynaSplit.Simulation.Replay;

namespace DynaSplit.Cli.Commands;

/// <summary>A pool's configurations at their mean latency and energy, and the Pareto front of those means.</summary>
internal static class PoolFront
{
    public static IReadOnlyList<PlotPoint> Means(MeasurementPool pool) =>
        pool.Configurations.Select(c => new PlotPoint(c.Key, pool.Means[c].LatencyMs, pool.Means[c].EnergyJ)).ToList();

    public static IReadOnlyList<PlotPoint> Exhaustive(MeasurementPool pool) =>
        Pareto.Filter(Means(pool), p => [p.LatencyMs, p.EnergyJ], [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize])
            .OrderBy(p => p.LatencyMs)
            .ToList();
}
