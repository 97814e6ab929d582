using System.Diagnostics;
using DynaSplit.Diagnostics;
using DynaSplit.Objectives;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Optimization;

/// <summary>
/// The offline phase: an optimizer proposes configurations, the testbed measures them, and the non-dominated
/// ones become the lookup table. The budget counts unique configurations whose trial completed (with
/// <see cref="OfflinePhaseOptions.RepeatRuns"/> above 1 it counts trials, and a share of it goes to repeating
/// promising configurations, whose trial keeps the mean); a configuration
/// already measured (in this run or in the trial store of an interrupted one) is never measured again, its stored
/// result is told instead. Failed trials are recorded with their error and never retried; a measurement with a
/// non-finite objective (NaN, infinity) is recorded as a failed trial, so memory, the store and the optimizer agree.
/// </summary>
/// <remarks>
/// Resuming a study (<see cref="OfflinePhaseOptions.Resume"/>): a session that accepts a warm start
/// (<see cref="IWarmStartSession"/>, the genetic optimizers) is told every stored trial before its first ask, so it
/// continues from what was learnt; other sessions (random, exhaustive), and every session in
/// <see cref="ResumeMode.Replay"/>, are told a stored trial when they propose it again. Either way nothing is measured
/// twice.
/// </remarks>
public sealed class OfflinePhase
{
    private const int MaxBatchesWithoutNewConfiguration = 10_000;
    private readonly ITestbed _testbed;
    private readonly IMultiObjectiveOptimizer _optimizer;
    private readonly ITrialStore _store;
    private readonly ILogger _logger;
    private readonly DynaSplitMetrics? _metrics;
    private readonly TimeProvider _time;

    /// <summary>Creates the offline phase.</summary>
    /// <param name="testbed">Measures configurations.</param>
    /// <param name="optimizer">Proposes configurations.</param>
    /// <param name="store">Keeps trials so an interrupted phase resumes; in memory when null.</param>
    /// <param name="logger">Progress and failures.</param>
    /// <param name="metrics">Trial counters and durations.</param>
    /// <param name="timeProvider">The clock for trial timestamps.</param>
    public OfflinePhase(
        ITestbed testbed,
        IMultiObjectiveOptimizer optimizer,
        ITrialStore? store = null,
        ILogger<OfflinePhase>? logger = null,
        DynaSplitMetrics? metrics = null,
        TimeProvider? timeProvider = null)
    {
        _testbed = testbed ?? throw new ArgumentNullException(nameof(testbed));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _store = store ?? new InMemoryTrialStore();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The objectives the testbed can measure: the default objectives lose accuracy (with a log line) when the testbed
    /// cannot measure it; objectives chosen explicitly must all be measurable, or the phase refuses to start, before any
    /// trial (on a board one trial can take minutes).
    /// </summary>
    private IReadOnlyList<ObjectiveDefinition> MeasurableObjectives(IReadOnlyList<ObjectiveDefinition> objectives)
    {
        var missing = objectives.Where(o => !_testbed.CanMeasure(o.Name)).ToList();
        if (missing.Count == 0)
        {
            return objectives;
        }

        if (ReferenceEquals(objectives, WellKnownObjectives.LatencyEnergyAccuracy) && missing.All(o => o.Name == WellKnownObjectives.Accuracy.Name))
        {
            OfflinePhaseLog.AccuracyDropped(_logger);
            return WellKnownObjectives.LatencyEnergy;
        }

        throw new ArgumentException($"The testbed cannot measure the objective(s) {string.Join(", ", missing.Select(o => o.Name))}; leave them out of OfflinePhaseOptions.Objectives, or give the testbed what it needs (accuracy: a labelled input set or an accuracy source).");
    }

    /// <summary>Runs the phase to its budget, or until the optimizer has nothing left to propose.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; trials finished so far are in the store.</exception>
    /// <exception cref="InvalidOperationException">Too many trials failed, or the optimizer proposed an invalid configuration.</exception>
    public Task<OfflinePhaseResult> RunAsync(OfflinePhaseOptions options, CancellationToken cancellationToken) =>
        RunAsync(options, progress: null, cancellationToken);

    /// <summary>Runs the phase to its budget, reporting where it stands after every batch of trials.</summary>
    /// <param name="options">Budget, seed and objectives.</param>
    /// <param name="progress">Told after every batch (for a progress bar); null for none.</param>
    /// <param name="cancellationToken">Stops the phase between trials.</param>
    /// <exception cref="OperationCanceledException">Cancelled; trials finished so far are in the store.</exception>
    /// <exception cref="InvalidOperationException">Too many trials failed, or the optimizer proposed an invalid configuration.</exception>
    public async Task<OfflinePhaseResult> RunAsync(OfflinePhaseOptions options, IProgress<OfflinePhaseProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateRepeats(options);
        options.KeepForLinks?.Validate();
        var space = _testbed.Space;
        var objectives = MeasurableObjectives(options.Objectives);
        var trials = options.Budget ?? Budget.FromFraction(options.BudgetFraction, space.CountValid());

        // With repeats the budget counts trials: the extra runs of promising configurations (at most the allowance)
        // are paid for with fewer distinct ones, and what the allowance does not spend goes to distinct ones. The
        // optimizer sizes its search for the distinct configurations it is sure to get.
        var allowance = RepeatAllowance(trials, options);
        var budget = trials - allowance;
        var problem = new OptimizationProblem(space, objectives, budget, options.Seed);
        var session = _optimizer.CreateSession(problem);

        var known = new Dictionary<Configuration, TrialRecord>();
        var nextNumber = 0;
        foreach (var stored in await _store.LoadAsync(space, cancellationToken).ConfigureAwait(false))
        {
            known[stored.Configuration] = stored;
            nextNumber = Math.Max(nextNumber, stored.Number + 1);
        }

        var testbed = _testbed;
        RepeatingTestbed? repeating = null;
        if (allowance > 0)
        {
            // A resumed study continues the rule from its stored trials: their results and the repeats they spent.
            repeating = new RepeatingTestbed(_testbed, options.RepeatRuns, allowance);
            repeating.Continue(known.Values.OrderBy(t => t.Number).Where(t => t.Status == TrialStatus.Complete).Select(t => t.Measurement!));
            testbed = repeating;
        }

        OfflinePhaseLog.Started(_logger, _optimizer.Name, space.IsDiscrete ? space.CountValid() : -1, budget, options.Seed, known.Count);

        var used = new List<TrialRecord>();
        var usedIndex = new Dictionary<Configuration, TrialRecord>();
        int completed = 0, failed = 0, measured = 0, reused = 0, batchesWithoutNew = 0;

        // Distinct configurations the budget still pays for: the trials less those completed and the extra runs spent.
        int Left() => trials - completed - (repeating?.RepeatsMade ?? 0);
        if (options.Resume == ResumeMode.WarmStart && session is IWarmStartSession && known.Count > 0)
        {
            // A warm start: the session rebuilds its state from every stored trial, in the order they were measured.
            foreach (var stored in known.Values.OrderBy(t => t.Number))
            {
                usedIndex[stored.Configuration] = stored;
                used.Add(stored);
                reused++;
                if (stored.Status == TrialStatus.Complete)
                {
                    completed++;
                }
                else
                {
                    failed++;
                }

                Tell(session, problem, stored);
            }

            OfflinePhaseLog.WarmStart(_logger, _optimizer.Name, known.Count, completed, failed);
            progress?.Report(new OfflinePhaseProgress(completed, completed + Left(), failed, measured, reused));
        }
        while (Left() > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = session.Ask(Math.Max(1, Math.Min(options.MaxConcurrentTrials, Left())));
            if (batch.Count == 0)
            {
                OfflinePhaseLog.NothingToPropose(_logger, completed, completed + Left());
                break;
            }

            // The batch's repeats may not take the runs its own trials need.
            repeating?.LimitNextRepeats(Left() - batch.Count);

            // Measure the configurations that are new to this run and to the store, concurrently.
            var pending = new Dictionary<Configuration, Task<TrialRecord>>();
            foreach (var configuration in batch)
            {
                if (!space.IsValid(configuration))
                {
                    throw new InvalidOperationException(
                        $"Optimizer '{_optimizer.Name}' proposed '{configuration.Key}', which the space does not allow ({space.FindViolatedRule(configuration.Values)?.Description ?? "a value is outside its domain"}). This is a bug in the optimizer.");
                }

                if (!usedIndex.ContainsKey(configuration) && !known.ContainsKey(configuration) && !pending.ContainsKey(configuration))
                {
                    pending[configuration] = MeasureAsync(testbed, nextNumber++, configuration, problem, cancellationToken);
                }
            }

            await Task.WhenAll(pending.Values).ConfigureAwait(false);
            foreach (var (configuration, task) in pending)
            {
                var trial = await task.ConfigureAwait(false);

                // A finished measurement is kept even when cancellation arrives now: it cost a trial to get.
                await _store.AppendAsync(trial, CancellationToken.None).ConfigureAwait(false);
                known[configuration] = trial;
                measured++;
            }

            // Tell every result in the order asked, so the session sees a deterministic sequence.
            var anyNew = false;
            foreach (var configuration in batch)
            {
                if (!usedIndex.TryGetValue(configuration, out var trial))
                {
                    trial = known[configuration];
                    usedIndex[configuration] = trial;
                    used.Add(trial);
                    anyNew = true;
                    if (!pending.ContainsKey(configuration))
                    {
                        reused++;
                    }

                    if (trial.Status == TrialStatus.Complete)
                    {
                        completed++;
                    }
                    else
                    {
                        failed++;
                    }
                }

                Tell(session, problem, trial);
            }

            progress?.Report(new OfflinePhaseProgress(completed, completed + Left(), failed, measured, reused));
            if (failed >= options.MaxFailedTrials)
            {
                var last = used.Last(t => t.Status == TrialStatus.Failed);
                throw new InvalidOperationException(
                    $"{failed} trials failed; the last, '{last.Configuration.Key}', with: {last.Error}. Fix the testbed, then run again: completed trials are kept in the store.");
            }

            batchesWithoutNew = anyNew ? 0 : batchesWithoutNew + 1;
            if (batchesWithoutNew >= MaxBatchesWithoutNewConfiguration)
            {
                OfflinePhaseLog.OnlyKnownProposals(_logger, _optimizer.Name, batchesWithoutNew, completed, completed + Left());
                break;
            }
        }

        var complete = used.Where(t => t.Status == TrialStatus.Complete).ToList();
        var pareto = Pareto.Filter(complete, t => t.Measurement!.GetObjectives(objectives), objectives.Select(o => o.Direction).ToArray());
        var entries = options.KeepForLinks is { } keep
            ? LinkRobustTable.Build(LookupTable.FromTrials(space, objectives, complete), keep.RecordedLink, keep.Scenarios).Entries
            : LookupTable.FromTrials(space, objectives, pareto).Entries;
        var table = new LookupTable(space, objectives, entries) { Binding = _testbed.Binding };
        OfflinePhaseLog.Done(_logger, completed, measured, reused, failed, pareto.Count);
        return new OfflinePhaseResult(used, pareto, table, trials - (repeating?.RepeatsMade ?? 0), measured, reused) { RepeatAllowance = allowance };
    }

    /// <summary>
    /// The most extra runs repeats may take: <see cref="OfflinePhaseOptions.RepeatShare"/> of the trials, rounded up to
    /// whole repeats (<see cref="OfflinePhaseOptions.RepeatRuns"/> - 1 runs each, so that a share never buys a repeat
    /// cut short, whose mean is of fewer runs than asked), and at most all trials but one.
    /// </summary>
    internal static int RepeatAllowance(int trials, OfflinePhaseOptions options)
    {
        if (options.RepeatRuns <= 1)
        {
            return 0;
        }

        var perRepeat = options.RepeatRuns - 1;
        var share = (int)(trials * options.RepeatShare);
        return Math.Min(trials - 1, (share + perRepeat - 1) / perRepeat * perRepeat);
    }

    private static void ValidateRepeats(OfflinePhaseOptions options)
    {
        if (options.RepeatRuns is < 1 or > 100)
        {
            throw new ArgumentException($"OfflinePhaseOptions.RepeatRuns is {options.RepeatRuns}; it must be between 1 (no repeats) and 100 (docs/optimization.md measures 3).", nameof(options));
        }

        if (!(options.RepeatShare >= 0 && options.RepeatShare < 1))
        {
            throw new ArgumentException($"OfflinePhaseOptions.RepeatShare is {options.RepeatShare}; it must be in [0, 1), for example 0.1 to keep a tenth of the trial budget for repeats.", nameof(options));
        }
    }

    private static void Tell(IOptimizationSession session, OptimizationProblem problem, TrialRecord trial)
    {
        if (trial.Status != TrialStatus.Complete)
        {
            session.TellFailure(trial.Configuration, trial.Error ?? "failed");
            return;
        }

        var measurement = trial.Measurement!;
        var objectives = measurement.GetObjectives(problem.Objectives);
        if (problem.ConstraintNames.Count == 0)
        {
            session.Tell(trial.Configuration, objectives);
            return;
        }

        var constraints = problem.ConstraintNames.Select(measurement.GetObjective).ToArray();
        session.Tell(trial.Configuration, objectives, constraints);
    }

    private async Task<TrialRecord> MeasureAsync(ITestbed testbed, int number, Configuration configuration, OptimizationProblem problem, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var measurement = await testbed.EvaluateAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (NonFinite(measurement, problem) is { } reason)
            {
                _metrics?.RecordTrial(stopwatch.Elapsed, succeeded: false);
                OfflinePhaseLog.TrialNotFinite(_logger, number, configuration.Key, reason);
                return new TrialRecord(number, configuration, TrialStatus.Failed, null, reason, started, _time.GetUtcNow());
            }

            _metrics?.RecordTrial(stopwatch.Elapsed, succeeded: true);
            OfflinePhaseLog.TrialMeasured(_logger, number, configuration.Key, measurement.LatencyMs, measurement.EnergyJ);
            return new TrialRecord(number, configuration, TrialStatus.Complete, measurement, null, started, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _metrics?.RecordTrial(stopwatch.Elapsed, succeeded: false);
            OfflinePhaseLog.TrialFailed(_logger, ex, number, configuration.Key);
            return new TrialRecord(number, configuration, TrialStatus.Failed, null, ex.Message, started, _time.GetUtcNow());
        }
    }

    /// <summary>Why a measurement cannot be told to the optimizer (an objective or constraint that is not a finite number), or null.</summary>
    private static string? NonFinite(TrialMeasurement measurement, OptimizationProblem problem)
    {
        foreach (var name in problem.Objectives.Select(o => o.Name).Concat(problem.ConstraintNames))
        {
            var value = measurement.GetObjective(name);
            if (!double.IsFinite(value))
            {
                return $"the testbed measured a non-finite {name} ({value}); the trial is recorded as failed and the configuration is not proposed again.";
            }
        }

        return null;
    }
}
