using DynaSplit.Optimization;

namespace DynaSplit.Simulation.Comparison;

/// <summary>Outcomes per strategy, averaged over the offline seeds, and each offline phase's result.</summary>
/// <param name="Outcomes">One outcome per requested strategy, in the requested order.</param>
/// <param name="OfflineRuns">The offline phase of each seed.</param>
public sealed record ComparisonResult(IReadOnlyList<StrategyOutcome> Outcomes, IReadOnlyList<OfflinePhaseResult> OfflineRuns)
{
    /// <summary>Trials each offline phase could spend: distinct configurations plus repeats.</summary>
    public int TrialBudget { get; init; }

    /// <summary>Of <see cref="TrialBudget"/>, the runs kept for repeating promising configurations.</summary>
    public int RepeatAllowance { get; init; }
}
