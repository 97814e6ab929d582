using System.ComponentModel.DataAnnotations;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;

namespace DynaSplit.Optimization;

/// <summary>Options of the offline phase.</summary>
public sealed class OfflinePhaseOptions
{
    /// <summary>The share of the valid space to measure, in (0, 1]; the paper uses 0.2.</summary>
    [Range(1e-9, 1.0, ErrorMessage = "BudgetFraction must be in (0, 1], for example 0.2 for the paper's 20%.")]
    public double BudgetFraction { get; set; } = 0.2;

    /// <summary>An absolute budget in unique configurations; overrides <see cref="BudgetFraction"/> when set.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Budget must be at least 1 configuration.")]
    public int? Budget { get; set; }

    /// <summary>The random seed of the optimizer.</summary>
    public int Seed { get; set; }

    /// <summary>The objectives of the Pareto set. The default is the paper's latency, energy, accuracy.</summary>
    public IReadOnlyList<ObjectiveDefinition> Objectives { get; set; } = WellKnownObjectives.LatencyEnergyAccuracy;

    /// <summary>Trials measured at the same time (1 on real hardware: trials would disturb each other).</summary>
    [Range(1, 1024, ErrorMessage = "MaxConcurrentTrials must be between 1 and 1024.")]
    public int MaxConcurrentTrials { get; set; } = 1;

    /// <summary>Failed trials after which the phase stops with an error (a broken testbed should not loop forever).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "MaxFailedTrials must be at least 1.")]
    public int MaxFailedTrials { get; set; } = 50;

    /// <summary>
    /// Also keep, in the table, the complete trials that are Pareto-optimal when their transfer is moved to slower links
    /// (<see cref="LinkRobustTable"/>; each entry's <see cref="LookupEntry.KeptFor"/> says which link kept it), for a
    /// scheduler that predicts the link (<see cref="PredictiveScheduler"/>). Null (default): the Pareto set of the
    /// measured link only, as published. <see cref="OfflinePhaseResult.ParetoSet"/> is that set either way.
    /// </summary>
    public LinkRobustTableOptions? KeepForLinks { get; set; }

    /// <summary>How a study continues from the trials in its store (default: a warm start where the optimizer accepts one).</summary>
    public ResumeMode Resume { get; set; } = ResumeMode.WarmStart;

    /// <summary>
    /// Runs in all of a promising configuration: one whose first run is faster than every trial measured before it
    /// in the study is measured this many times and its trial keeps the mean (<see cref="Testbed.RepeatingTestbed"/>),
    /// because the fastest entries of a table are the ones a single lucky run flatters, and the scheduler would send
    /// them requests they then miss. 1 (the default) turns repeats off; docs/optimization.md measures 3.
    /// </summary>
    [Range(1, 100, ErrorMessage = "RepeatRuns must be between 1 (no repeats) and 100; docs/optimization.md measures 3.")]
    public int RepeatRuns { get; set; } = 1;

    /// <summary>
    /// With <see cref="RepeatRuns"/> above 1, the most of the budget the extra runs may take, as a share in [0, 1),
    /// rounded up to whole repeats (<see cref="RepeatRuns"/> - 1 runs each; at most budget - 1 runs): the budget then
    /// counts trials (distinct configurations plus extra runs), and the runs the repeats do not take go to distinct
    /// configurations. Default 0.1.
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = "RepeatShare must be in [0, 1), for example 0.1 to keep a tenth of the trials for repeats.")]
    public double RepeatShare { get; set; } = 0.1;
}
