using DynaSplit.Scheduling;
using DynaSplit.Trials;

namespace DynaSplit.Optimization;

/// <summary>What the offline phase found.</summary>
/// <param name="Trials">Every trial this run used, in order (measured now or reused from the store).</param>
/// <param name="ParetoSet">The non-dominated complete trials.</param>
/// <param name="Table">The lookup table built from the Pareto set.</param>
/// <param name="Budget">The budget in unique configurations (with repeats, the trial budget less the extra runs spent).</param>
/// <param name="Measured">Trials measured in this run.</param>
/// <param name="Reused">Trials answered from the store without measuring.</param>
public sealed record OfflinePhaseResult(
    IReadOnlyList<TrialRecord> Trials,
    IReadOnlyList<TrialRecord> ParetoSet,
    LookupTable Table,
    int Budget,
    int Measured,
    int Reused)
{
    /// <summary>
    /// Extra runs the phase could spend repeating promising configurations (<see cref="OfflinePhaseOptions.RepeatRuns"/>);
    /// 0 without repeats. The runs spent are the trials' <see cref="TrialMeasurement.Runs"/> less one each.
    /// </summary>
    public int RepeatAllowance { get; init; }
}
