using DynaSplit.Optimization;

namespace DynaSplit.DependencyInjection;

/// <summary>Options of a DynaSplit host, bound and validated at start.</summary>
public sealed class DynaSplitOptions
{
    /// <summary>The offline phase's budget, seed, objectives and concurrency.</summary>
    public OfflinePhaseOptions Offline { get; set; } = new();

    /// <summary>A lookup table file (written by the offline phase) for the online phase's scheduler.</summary>
    public string? LookupTablePath { get; set; }

    /// <summary>
    /// What to do at start when a hardware parameter of the table (or the testbed's space) has no knob on this host,
    /// or a knob appears in no parameter: warn (the default) or refuse to start.
    /// </summary>
    public Hardware.UnboundSettingsPolicy UnboundSettings { get; set; } = Hardware.UnboundSettingsPolicy.Warn;

    /// <summary>
    /// The tiers of the pipeline, data source first (default edge, cloud). A tier with a registered
    /// <see cref="Execution.IStageTransport"/> is reached through it (a remote server); the others run in this process on
    /// the registered <see cref="Execution.IStageRunner"/>.
    /// </summary>
    public IList<string> Tiers { get; set; } = [Topology.TierNames.Edge, Topology.TierNames.Cloud];
}
