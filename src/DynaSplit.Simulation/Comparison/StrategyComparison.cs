using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Simulation.Network;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Testbed;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Simulation.Comparison;

/// <summary>
/// The paper's evaluation as one call: run the offline phase on a replay of the pool, build every strategy
/// (DynaSplit's scheduler on the table, the baselines, the oracle), replay the workload through each, and
/// average over offline seeds.
/// </summary>
public static class StrategyComparison
{
    /// <summary>Runs the comparison.</summary>
    /// <exception cref="ArgumentException">A strategy name is unknown, or the pool lacks what a strategy needs.</exception>
    public static Task<ComparisonResult> RunAsync(
        MeasurementPool pool,
        Func<IMultiObjectiveOptimizer> optimizerFactory,
        ComparisonSettings settings,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken) =>
        RunAsync(pool, optimizerFactory, settings, loggerFactory, progress: null, cancellationToken);

    /// <summary>Runs the comparison, reporting each offline phase's progress.</summary>
    /// <param name="pool">The recorded measurements to replay.</param>
    /// <param name="optimizerFactory">A fresh optimizer per offline phase.</param>
    /// <param name="settings">Workload, budget, seeds and strategies.</param>
    /// <param name="loggerFactory">Loggers for the offline phases; null for none.</param>
    /// <param name="progress">Told after every batch of every offline phase; null for none.</param>
    /// <param name="cancellationToken">Stops the comparison between trials.</param>
    /// <exception cref="ArgumentException">A strategy name is unknown, or the pool lacks what a strategy needs.</exception>
    public static async Task<ComparisonResult> RunAsync(
        MeasurementPool pool,
        Func<IMultiObjectiveOptimizer> optimizerFactory,
        ComparisonSettings settings,
        ILoggerFactory? loggerFactory,
        IProgress<ComparisonProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(optimizerFactory);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Seeds, 1);
        foreach (var name in settings.Strategies)
        {
            if (!Baselines.Accepted.Contains(name))
            {
                throw new ArgumentException($"Unknown strategy '{name}'; choose from: {string.Join(", ", Baselines.Accepted)}.");
            }
        }

        if (settings.KeepForLinks is { Count: > 0 } && settings.Network is null)
        {
            throw new ArgumentException("A table kept for slower links (KeepForLinks) needs the network conditions (Network: the recorded link and the cut sizes); give a bandwidth trace or an arrival rate.");
        }

        var objectives = settings.Objectives ?? (pool.HasAccuracy ? WellKnownObjectives.LatencyEnergyAccuracy : WellKnownObjectives.LatencyEnergy);
        var cloudOnly = Baselines.FindCloudOnly(pool);
        var edgeOnly = Baselines.FindEdgeOnly(pool);
        var oracle = Baselines.CreateOracle(pool, objectives);
        var sums = settings.Strategies.ToDictionary(s => s, _ => new double[5]);
        var segments = new Dictionary<string, List<SegmentOutcome>>();
        ISwitchCostModel? switchCosts = settings.SwitchCosts ?? (settings.SwitchCostMs > 0 ? new ConstantSwitchCost(settings.SwitchCostMs) : null);
        var requests = new Dictionary<string, IReadOnlyList<Network.ServedRequestRecord>>();
        var runs = new List<OfflinePhaseResult>();
        LinkBound? bound = null;
        // The budget counts trials: the offline phase pays for repeats of promising configurations with fewer
        // distinct ones (OfflinePhaseOptions.RepeatRuns and RepeatShare).
        var trials = Budget.FromFraction(settings.BudgetFraction, pool.Space.CountValid());
        var repeats = 0;
        for (var k = 0; k < settings.Seeds; k++)
        {
            var offlineSeed = settings.Seed + k;
            var testbed = new ReplayTestbed(pool, offlineSeed);
            var phase = new OfflinePhase(testbed, optimizerFactory(), logger: loggerFactory?.CreateLogger<OfflinePhase>());
            var run = k;
            var offline = await phase.RunAsync(
                new OfflinePhaseOptions { Budget = trials, Seed = offlineSeed, Objectives = objectives, RepeatRuns = settings.RepeatRuns, RepeatShare = settings.RepeatShare },
                progress is null ? null : new SynchronousProgress<OfflinePhaseProgress>(p => progress.Report(new ComparisonProgress(run, settings.Seeds, p))),
                cancellationToken).ConfigureAwait(false);
            runs.Add(offline);
            repeats = offline.RepeatAllowance;

            var strategies = new List<IScheduler>();
            foreach (var name in settings.Strategies)
            {
                strategies.Add(name switch
                {
                    Baselines.DynaSplit => new DynaSplitScheduler(offline.Table, Baselines.DynaSplit),
                    Baselines.Predictive => new PredictiveScheduler(
                        PredictiveTable(offline, settings),
                        settings.Predictive with { Name = Baselines.Predictive, RecordedLink = settings.Predictive.RecordedLink ?? settings.Network?.RecordedLink }),
                    Baselines.Oracle => oracle,
                    Baselines.Bound => bound ??= new LinkBound(pool, settings.Network),
                    Baselines.CloudOnly => new StaticScheduler(name, cloudOnly ?? throw new ArgumentException($"{pool.Source} has no cloud-only configuration (split index 0).")),
                    Baselines.EdgeOnly => new StaticScheduler(name, edgeOnly ?? throw new ArgumentException($"{pool.Source} has no edge-only configuration.")),
                    Baselines.StaticLowestEnergy => Baselines.LowestEnergy(offline.Table),
                    Baselines.StaticLowestLatency => Baselines.LowestLatency(offline.Table),
                    _ => throw new ArgumentException($"Unknown strategy '{name}'."),
                });
            }

            foreach (var outcome in OnlineSimulation.Run(pool, strategies, settings.ThresholdsMs, settings.Seed, switchCosts: switchCosts, network: settings.Network, recordRequests: settings.RecordRequests && k == 0))
            {
                var sum = sums[outcome.Strategy];
                sum[0] += outcome.MeanLatencyMs;
                sum[1] += outcome.MeanEnergyJ;
                sum[2] += outcome.QosMet;
                sum[3] += outcome.EnergySavedVsCloud;
                sum[4] += outcome.Switches;
                if (outcome.Requests.Count > 0)
                {
                    requests[outcome.Strategy] = outcome.Requests;
                }
                if (outcome.Segments.Count > 0)
                {
                    segments[outcome.Strategy] = segments.TryGetValue(outcome.Strategy, out var seen) ? seen.Zip(outcome.Segments, SegmentOutcome.Sum).ToList() : [.. outcome.Segments];
                }
            }
        }

        var n = settings.Seeds;
        var outcomes = settings.Strategies
            .Select(s => new StrategyOutcome(s, sums[s][0] / n, sums[s][1] / n, sums[s][2] / n, sums[s][3] / n) { Switches = sums[s][4] / n, Segments = segments.TryGetValue(s, out var seen) ? seen.Select(g => g.Over(n)).ToList() : [], Requests = requests.TryGetValue(s, out var served) ? served : [] })
            .ToList();
        return new ComparisonResult(outcomes, runs) { TrialBudget = trials, RepeatAllowance = repeats };
    }

    /// <summary>
    /// The predictive strategy's table: the offline phase's, with cut sizes when the replay has a link; with
    /// <see cref="ComparisonSettings.KeepForLinks"/>, every complete trial Pareto-optimal on the recorded link or one of those.
    /// </summary>
    private static LookupTable PredictiveTable(OfflinePhaseResult offline, ComparisonSettings settings)
    {
        if (settings.Network is not { } network)
        {
            return offline.Table;
        }

        if (settings.KeepForLinks is not { Count: > 0 } links)
        {
            return CutSizeTable.WithCutSizes(offline.Table, network.CutSizes);
        }

        var table = offline.Table;
        var candidates = CutSizeTable.WithCutSizes(LookupTable.FromTrials(table.Space, table.Objectives, offline.Trials), network.CutSizes);
        return LinkRobustTable.Build(candidates, settings.Predictive.RecordedLink ?? network.RecordedLink, links, settings.Predictive);
    }
}
