using DynaSplit.Cli.Plotting;
using DynaSplit.Simulation.Comparison;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// What <c>simulate --json</c> prints and <c>plot</c> reads back: the run's parameters, the pool, the first
/// offline phase's lookup table and the exhaustive front of the pool's means, and every strategy's outcome.
/// </summary>
internal sealed record SimulateReport(
    string Command,
    SimulateParameters Parameters,
    SimulatePool Pool,
    SimulateOffline Offline,
    SimulateWorkload Workload,
    IReadOnlyList<StrategyOutcome> Outcomes)
{
    public const string CommandName = "simulate";
}

/// <summary>The options the run used, defaults included.</summary>
internal sealed record SimulateParameters(
    string Pool,
    int? Requests,
    double QosMinMs,
    double QosMaxMs,
    string? QosTrace,
    double Budget,
    string Optimizer,
    int Seeds,
    int Seed,
    IReadOnlyList<string> Strategies,
    double SwitchCostMs,
    string? SwitchCostFile = null,
    string? BandwidthTrace = null,
    double? ArrivalRate = null,
    int Repeats = 1,
    double RepeatShare = 0,
    string? KeepForLinks = null,
    double? ProbeIntervalSeconds = null);

/// <summary>The measurement pool.</summary>
internal sealed record SimulatePool(string Source, int Runs, int Configurations);

/// <summary>The first offline phase (seed <see cref="SimulateParameters.Seed"/>) and the pool's exhaustive front.</summary>
/// <param name="BudgetConfigurations">The budget in trials (distinct configurations plus repeats of the fastest).</param>
/// <param name="Configurations">The distinct configurations the first offline phase measured.</param>
/// <param name="ExtraRuns">The trials it spent measuring configurations again.</param>
/// <param name="LookupTable">The lookup table's entries as the table holds them (measured latency and energy).</param>
/// <param name="ExhaustiveFront">The Pareto front of every configuration's mean latency and energy in the pool.</param>
internal sealed record SimulateOffline(int BudgetConfigurations, int Configurations, int ExtraRuns, IReadOnlyList<PlotPoint> LookupTable, IReadOnlyList<PlotPoint> ExhaustiveFront);

/// <summary>The request workload.</summary>
internal sealed record SimulateWorkload(int Requests, double MinThresholdMs, double MaxThresholdMs);
