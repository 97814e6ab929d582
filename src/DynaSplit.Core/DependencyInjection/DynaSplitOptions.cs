using DynaSplit.Optimization;

namespace DynaSplit.DependencyInjection;

/// <summary>Options of a DynaSplit host, bound and validated at start.</summary>
public sealed class DynaSplitOptions
{
    /// <summary>The offline phase's budget, seed, objectives and concurrency.</summary>
    public OfflinePhaseOptions Offline { get; set; } = new();

    /// <summary>A lookup table file (written by the offline phase) for the online phase's scheduler.</summary>
    public string? LookupTablePath { get; set; }
}
