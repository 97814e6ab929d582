using DynaSplit.Simulation.Replay;
using DynaSplit.Testbed;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods of the simulation assembly.</summary>
public static class SimulationBuilderExtensions
{
    /// <summary>Uses a replay of a measurement pool file as the offline phase's testbed.</summary>
    public static IDynaSplitBuilder UseReplayTestbed(this IDynaSplitBuilder builder, string poolPath, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(poolPath);
        return builder.UseTestbed(_ => new ReplayTestbed(MeasurementPoolCsv.Load(poolPath), seed));
    }

    /// <summary>Uses a replay of a loaded measurement pool as the offline phase's testbed.</summary>
    public static IDynaSplitBuilder UseReplayTestbed(this IDynaSplitBuilder builder, MeasurementPool pool, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pool);
        return builder.UseTestbed(_ => (ITestbed)new ReplayTestbed(pool, seed));
    }
}
