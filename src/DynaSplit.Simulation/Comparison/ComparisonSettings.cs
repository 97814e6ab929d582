using DynaSplit.Objectives;

namespace DynaSplit.Simulation.Comparison;

/// <summary>How to compare strategies on a pool.</summary>
public sealed record ComparisonSettings
{
    /// <summary>The requests' latency thresholds, ms.</summary>
    public required IReadOnlyList<double> ThresholdsMs { get; init; }

    /// <summary>The offline phase's budget as a share of the valid space.</summary>
    public double BudgetFraction { get; init; } = 0.2;

    /// <summary>How many offline phases to run (seeds <see cref="Seed"/>, <see cref="Seed"/>+1, ...); outcomes are averaged.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The first offline seed, and the seed of the online draws.</summary>
    public int Seed { get; init; }

    /// <summary>The strategies to report, by name (see <see cref="Strategies.Baselines.All"/>).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = DynaSplit.Simulation.Strategies.Baselines.All;

    /// <summary>The time each change of hardware settings costs while serving, ms (0: free, as published).</summary>
    public double SwitchCostMs { get; init; }

    /// <summary>The Pareto objectives; null = latency, energy and, when the pool has it, accuracy.</summary>
    public IReadOnlyList<ObjectiveDefinition>? Objectives { get; init; }
}
