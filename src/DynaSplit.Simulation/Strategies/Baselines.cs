using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Simulation.Strategies;

/// <summary>
/// The strategies DynaSplit is compared against, as in the paper: cloud only (split 0, fastest CPU, edge
/// accelerator off, cloud accelerator on), edge only (last split, fastest CPU, edge accelerator at its highest
/// mode, cloud accelerator off), the table's static lowest-energy and lowest-latency configurations, and an oracle
/// that knows the mean of every measured configuration.
/// </summary>
public static class Baselines
{
    /// <summary>Strategy name of the scheduler over the offline phase's table.</summary>
    public const string DynaSplit = "dynasplit";

    /// <summary>Strategy name of cloud only.</summary>
    public const string CloudOnly = "cloud-only";

    /// <summary>Strategy name of edge only.</summary>
    public const string EdgeOnly = "edge-only";

    /// <summary>Strategy name of the table's lowest-energy configuration for every request.</summary>
    public const string StaticLowestEnergy = "static-lowest-energy";

    /// <summary>Strategy name of the table's lowest-latency configuration for every request.</summary>
    public const string StaticLowestLatency = "static-lowest-latency";

    /// <summary>Strategy name of the predictive scheduler over the offline phase's table (sees the link and the switch costs).</summary>
    public const string Predictive = "predictive";

    /// <summary>Strategy name of the oracle.</summary>
    public const string Oracle = "oracle";

    /// <summary>
    /// Strategy name of the best any scheduler could do with every configuration, knowing the link's true rate
    /// (<see cref="LinkBound"/>): the limit for the QoS share on a changing link.
    /// </summary>
    public const string Bound = "bound";

    /// <summary>The strategies of the DynaSplit paper's evaluation (and of the main job's table), in report order.</summary>
    public static IReadOnlyList<string> Published { get; } = [CloudOnly, StaticLowestLatency, EdgeOnly, StaticLowestEnergy, DynaSplit, Oracle];

    /// <summary>Every strategy name, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [CloudOnly, StaticLowestLatency, EdgeOnly, StaticLowestEnergy, DynaSplit, Predictive, Oracle];

    /// <summary>Every name a comparison accepts: <see cref="All"/> and <see cref="Bound"/>, which runs only when asked for by name.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [.. All, Bound];

    /// <summary>The cloud-only configuration of a pool, or null when the pool has none.</summary>
    public static Configuration? FindCloudOnly(MeasurementPool pool) => FindExtreme(pool, edgeOnly: false);

    /// <summary>The edge-only configuration of a pool, or null when the pool has none.</summary>
    public static Configuration? FindEdgeOnly(MeasurementPool pool) => FindExtreme(pool, edgeOnly: true);

    /// <summary>A static strategy on the table's lowest-energy entry (ties: accuracy, then latency).</summary>
    public static StaticScheduler LowestEnergy(LookupTable table) =>
        new(StaticLowestEnergy, new DynaSplitScheduler(table).Ordered[0].Configuration);

    /// <summary>A static strategy on the table's lowest-latency entry (ties: energy).</summary>
    public static StaticScheduler LowestLatency(LookupTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fastest = table.Entries.OrderBy(e => e.LatencyMs).ThenBy(e => e.EnergyJ).First();
        return new StaticScheduler(StaticLowestLatency, fastest.Configuration);
    }

    /// <summary>
    /// The oracle: the published scheduling rule over the Pareto set of every measured configuration's mean.
    /// It knows what no offline phase can, so it is the limit to compare against.
    /// </summary>
    public static DynaSplitScheduler CreateOracle(MeasurementPool pool, IReadOnlyList<ObjectiveDefinition> objectives)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var means = pool.Configurations.Select(c => (Configuration: c, Mean: pool.Means[c])).ToList();
        var pareto = Pareto.Filter(means, m => m.Mean.GetObjectives(objectives), objectives.Select(o => o.Direction).ToArray());
        var table = new LookupTable(pool.Space, objectives, pareto.Select(m => new LookupEntry(m.Configuration, m.Mean.LatencyMs, m.Mean.EnergyJ, m.Mean.Accuracy)));
        return new DynaSplitScheduler(table, Oracle);
    }

    private static Configuration? FindExtreme(MeasurementPool pool, bool edgeOnly)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var space = pool.Space;
        var split = space.FindByRole(ParameterRole.SplitPoint);
        if (split is null)
        {
            return null;
        }

        // Preferences per role, most important first; the best measured configuration under them wins.
        double Preference(Configuration c, int index)
        {
            var parameter = space.Parameters[index];
            var level = parameter.LevelOf(c[index]);
            return parameter.Role switch
            {
                ParameterRole.EdgeCpuFrequency => level,                                          // fastest CPU
                ParameterRole.EdgeAccelerator => edgeOnly ? level : -level,                      // edge only: highest mode; cloud only: off
                ParameterRole.CloudAccelerator => edgeOnly ? -level : level,                     // cloud only: accelerator on
                _ => 0,
            };
        }

        var target = edgeOnly ? split.Maximum : split.Minimum;
        var splitIndex = space.IndexOf(split.Name);
        var candidates = pool.Configurations.Where(c => c[splitIndex] == target).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        IOrderedEnumerable<Configuration>? ordered = null;
        for (var i = 0; i < space.Parameters.Count; i++)
        {
            var index = i;
            ordered = ordered is null
                ? candidates.OrderByDescending(c => Preference(c, index))
                : ordered.ThenByDescending(c => Preference(c, index));
        }

        return ordered!.First();
    }
}
