using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Network;

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
    public IReadOnlyList<string> Strategies { get; init; } = DynaSplit.Simulation.Strategies.Baselines.Published;

    /// <summary>The time each change of hardware settings costs while serving, ms (0: free, as published).</summary>
    public double SwitchCostMs { get; init; }

    /// <summary>
    /// What each reconfiguration costs while serving, per knob and transition (for example
    /// <see cref="Serving.KnobSwitchCosts"/> from a file); when set it replaces <see cref="SwitchCostMs"/>.
    /// </summary>
    public ISwitchCostModel? SwitchCosts { get; init; }

    /// <summary>Keep every request of the first offline seed in <see cref="StrategyOutcome.Requests"/> (for a timeline picture); replays over <see cref="Network"/> only.</summary>
    public bool RecordRequests { get; init; }

    /// <summary>A changing link and request arrivals for the replay; null: the recorded link, requests back to back.</summary>
    public NetworkConditions? Network { get; init; }

    /// <summary>How the predictive strategy predicts (its cut sizes come from <see cref="Network"/>, when given).</summary>
    public PredictiveSchedulerOptions Predictive { get; init; } = new();

    /// <summary>
    /// Links the predictive strategy's table should also be good on (<see cref="LinkRobustTable"/>): besides the offline
    /// phase's Pareto set, it keeps every measured configuration that is Pareto-optimal when its transfer is moved to one
    /// of these links. Needs <see cref="Network"/> (the recorded link). Null (default): the offline phase's table, as
    /// published; the other strategies always use that table.
    /// </summary>
    public IReadOnlyList<LinkScenario>? KeepForLinks { get; init; }

    /// <summary>The Pareto objectives; null = latency, energy and, when the pool has it, accuracy.</summary>
    public IReadOnlyList<ObjectiveDefinition>? Objectives { get; init; }

    /// <summary>
    /// Runs in all of a configuration whose first run is faster than every earlier trial, passed to the offline
    /// phase (<see cref="DynaSplit.Optimization.OfflinePhaseOptions.RepeatRuns"/>); the table keeps their mean. 1 turns repeats off. Default 3.
    /// </summary>
    public int RepeatRuns { get; init; } = DefaultRepeatRuns;

    /// <summary>
    /// The most of the trial budget those repeats may take, in [0, 1), in whole repeats
    /// (<see cref="DynaSplit.Optimization.OfflinePhaseOptions.RepeatShare"/>): a cap, so the runs they do not take go
    /// to distinct configurations and the trials in all stay within the budget. Default 0.1 (docs/optimization.md).
    /// </summary>
    public double RepeatShare { get; init; } = DefaultRepeatShare;

    /// <summary>The default of <see cref="RepeatRuns"/>: 3 runs of a repeated configuration.</summary>
    public const int DefaultRepeatRuns = 3;

    /// <summary>The default of <see cref="RepeatShare"/>.</summary>
    public const double DefaultRepeatShare = 0.1;
}
