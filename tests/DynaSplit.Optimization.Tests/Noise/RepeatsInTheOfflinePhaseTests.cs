using System.ComponentModel.DataAnnotations;
using DynaSplit.Optimization.Storage;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests.Noise;

/// <summary>
/// <see cref="OfflinePhaseOptions.RepeatRuns"/>: promising configurations are measured several times within the
/// trial budget, their trial keeps the mean and says how many runs it took, and a resumed study neither measures a
/// stored configuration again nor spends the allowance twice.
/// </summary>
public sealed class RepeatsInTheOfflinePhaseTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dynasplit-repeats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task RepeatedTrialsKeepTheMeanOfTheirRunsWithinTheTrialBudget()
    {
        var testbed = new NoisyTestbed(new SyntheticTestbed());
        var store = new SqliteTrialStore(Path.Combine(_folder, "study.db"));
        var result = await new OfflinePhase(testbed, new Nsga3Optimizer(), store)
            .RunAsync(new OfflinePhaseOptions { Budget = 50, Seed = 5, RepeatRuns = 3, RepeatShare = 0.2 }, CancellationToken.None);

        var repeated = result.Trials.Where(t => t.Measurement!.Runs > 1).ToList();
        var extraRuns = result.Trials.Sum(t => t.Measurement!.Runs - 1);
        var stored = (await new SqliteTrialStore(Path.Combine(_folder, "study.db")).LoadAsync(testbed.Space, CancellationToken.None))
            .ToDictionary(t => t.Configuration.Key, t => t.Measurement!.Runs);
        Assert.Multiple(() =>
        {
            Assert.That(result.RepeatAllowance, Is.EqualTo(10), "50 trials: at most 10 extra runs");
            Assert.That(result.Trials, Has.Count.EqualTo(50 - extraRuns), "the runs the repeats did not take went to distinct configurations");
            Assert.That(result.Budget, Is.EqualTo(50 - extraRuns));
            Assert.That(repeated, Is.Not.Empty, "the first trial is the fastest yet, so it is repeated");
            Assert.That(repeated[0].Number, Is.EqualTo(result.Trials[0].Number));
            Assert.That(extraRuns, Is.InRange(1, 10));
            Assert.That(testbed.Calls, Is.EqualTo(50), "every run is one call of the testbed: the 50 trials exactly");
            foreach (var trial in result.Trials)
            {
                var runs = trial.Measurement!.Runs;
                Assert.That(testbed.CallsOf(trial.Configuration), Is.EqualTo(runs), trial.Configuration.Key);
                var model = SyntheticTestbed.Model(trial.Configuration).LatencyMs;
                Assert.That(trial.Measurement.LatencyMs, Is.EqualTo(model * NoisyTestbed.MeanFactor(runs)).Within(1e-9), $"{trial.Configuration.Key}: the mean of its {runs} runs");
                Assert.That(stored[trial.Configuration.Key], Is.EqualTo(runs), "the store keeps the runs");
            }
        });
    }

    [TestCase(ResumeMode.Replay, 7)]
    [TestCase(ResumeMode.Replay, 45)]
    [TestCase(ResumeMode.WarmStart, 45)]
    public async Task AResumedStudyMeasuresNothingTwiceAndSpendsTheAllowanceOnce(ResumeMode mode, int cancelAfterCalls)
    {
        var options = new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 9, Resume = mode, RepeatRuns = 3, RepeatShare = 0.1 };
        var uninterrupted = await new OfflinePhase(new NoisyTestbed(new SyntheticTestbed()), new Nsga3Optimizer()).RunAsync(options, CancellationToken.None);

        var path = Path.Combine(_folder, "resume.db");
        using var cancel = new CancellationTokenSource();
        var first = new NoisyTestbed(new SyntheticTestbed(cancel, cancelAfterCalls));
        Assert.That(
            async () => await new OfflinePhase(first, new Nsga3Optimizer(), new SqliteTrialStore(path)).RunAsync(options, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        var stored = await new SqliteTrialStore(path).LoadAsync(first.Space, CancellationToken.None);
        Assert.That(stored.Sum(t => t.Measurement!.Runs - 1), Is.GreaterThan(0), "the interrupted part made repeats");

        var second = new NoisyTestbed(new SyntheticTestbed());
        var resumed = await new OfflinePhase(second, new Nsga3Optimizer(), new SqliteTrialStore(path)).RunAsync(options, CancellationToken.None);
        var extraRuns = resumed.Trials.Sum(t => t.Measurement!.Runs - 1);
        Assert.Multiple(() =>
        {
            foreach (var trial in stored)
            {
                Assert.That(second.CallsOf(trial.Configuration), Is.Zero, $"{trial.Configuration.Key} is stored and not measured again");
            }

            Assert.That(resumed.Reused, Is.EqualTo(stored.Count));
            Assert.That(extraRuns, Is.InRange(1, resumed.RepeatAllowance), "the stored repeats count against the allowance");
            Assert.That(resumed.Trials.Count + extraRuns, Is.EqualTo(Budget.FromFraction(0.2, first.Space.CountValid())), "distinct configurations and extra runs fill the trial budget");
            if (mode == ResumeMode.Replay)
            {
                // The rule is rebuilt from the stored results, so the resumed study ends exactly as the uninterrupted one.
                Assert.That(Runs(resumed), Is.EqualTo(Runs(uninterrupted)));
                Assert.That(resumed.Trials.Select(t => t.Measurement!.LatencyMs), Is.EqualTo(uninterrupted.Trials.Select(t => t.Measurement!.LatencyMs)));
            }
        });
    }

    [TestCase(38, 3, 0.1, 4)] // a tenth is 3 runs: rounded up to two whole repeats of 2 extra runs each
    [TestCase(75, 3, 0.1, 8)]
    [TestCase(150, 3, 0.1, 16)]
    [TestCase(150, 4, 0.1, 15)] // already whole: five repeats of 3 extra runs
    [TestCase(40, 2, 0.1, 4)]
    [TestCase(10, 3, 0.9, 9)] // at most every trial but one
    [TestCase(50, 3, 0, 0)]
    [TestCase(50, 1, 0.5, 0)] // one run: no repeats
    public async Task TheAllowanceIsTheShareInWholeRepeats(int trials, int runs, double share, int allowance)
    {
        var result = await new OfflinePhase(new SyntheticTestbed(), new RandomSearch())
            .RunAsync(new OfflinePhaseOptions { Budget = trials, Seed = 2, RepeatRuns = runs, RepeatShare = share }, CancellationToken.None);
        Assert.That(result.RepeatAllowance, Is.EqualTo(allowance));
    }

    [Test]
    public async Task RepeatsNeverTakeTheRunsTheRemainingTrialsNeed()
    {
        // Every new configuration is faster than all before it, so each would be repeated; the allowance (9) is
        // larger than what 10 trials leave: 3 + 3 + 3 runs, then the fourth configuration once.
        var testbed = new FasterEachTimeTestbed();
        var result = await new OfflinePhase(testbed, new Nsga3Optimizer())
            .RunAsync(new OfflinePhaseOptions { Budget = 10, Seed = 1, RepeatRuns = 3, RepeatShare = 0.9, Objectives = DynaSplit.Objectives.WellKnownObjectives.LatencyEnergy }, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.RepeatAllowance, Is.EqualTo(9));
            Assert.That(result.Trials.Select(t => t.Measurement!.Runs), Is.EqualTo(new[] { 3, 3, 3, 1 }));
            Assert.That(testbed.Calls, Is.EqualTo(10));
        });
    }

    [Test]
    public void RepeatOptionsOutOfRangeAreRefusedBeforeAnyTrial()
    {
        var testbed = new NoisyTestbed(new SyntheticTestbed());
        var phase = new OfflinePhase(testbed, new Nsga3Optimizer());
        Assert.Multiple(() =>
        {
            Assert.That(
                async () => await phase.RunAsync(new OfflinePhaseOptions { RepeatRuns = 0 }, CancellationToken.None),
                Throws.ArgumentException.With.Message.Contains("RepeatRuns is 0; it must be between 1 (no repeats) and 100"));
            Assert.That(
                async () => await phase.RunAsync(new OfflinePhaseOptions { RepeatRuns = 3, RepeatShare = 1 }, CancellationToken.None),
                Throws.ArgumentException.With.Message.Contains("RepeatShare is 1; it must be in [0, 1)"));
            Assert.That(
                async () => await phase.RunAsync(new OfflinePhaseOptions { RepeatRuns = 3, RepeatShare = double.NaN }, CancellationToken.None),
                Throws.ArgumentException.With.Message.Contains("RepeatShare is NaN"));
            Assert.That(testbed.Calls, Is.Zero);

            var results = new List<ValidationResult>();
            var options = new OfflinePhaseOptions { RepeatRuns = 101, RepeatShare = -0.1 };
            Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true), Is.False);
            Assert.That(results.Select(r => r.MemberNames.Single()), Is.EquivalentTo(new[] { "RepeatRuns", "RepeatShare" }));
        });
    }

    [Test]
    public async Task WithoutRepeatRunsTheBudgetCountsConfigurationsAsBefore()
    {
        var testbed = new NoisyTestbed(new SyntheticTestbed());
        var result = await new OfflinePhase(testbed, new Nsga3Optimizer()).RunAsync(new OfflinePhaseOptions { Budget = 30, Seed = 5 }, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((result.Budget, result.RepeatAllowance), Is.EqualTo((30, 0)));
            Assert.That(result.Trials.Select(t => t.Measurement!.Runs), Is.All.EqualTo(1));
            Assert.That(testbed.Calls, Is.EqualTo(30));
        });
    }

    private static (string, int)[] Runs(OfflinePhaseResult result) => result.Trials.Select(t => (t.Configuration.Key, t.Measurement!.Runs)).ToArray();

    /// <summary>Each configuration measured for the first time is 10 ms faster than the one before.</summary>
    private sealed class FasterEachTimeTestbed : ITestbed
    {
        private readonly Dictionary<string, double> _latency = [];

        public ConfigurationSpace Space { get; } = new([new IntegerParameter("x", 0, 99)]);

        public int Calls { get; private set; }

        public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
        {
            Calls++;
            if (!_latency.TryGetValue(configuration.Key, out var latency))
            {
                latency = 1000 - (10 * _latency.Count);
                _latency[configuration.Key] = latency;
            }

            return ValueTask.FromResult(new TrialMeasurement { LatencyMs = latency, EnergyJ = configuration[0] });
        }
    }

    /// <summary>
    /// The synthetic model with noise by run: a configuration's runs give 0.7, 1.0, 1.3 times its latency, so a
    /// single run looks faster than it is, and the mean of three is exact.
    /// </summary>
    private sealed class NoisyTestbed(SyntheticTestbed inner) : ITestbed
    {
        private static readonly double[] Factors = [0.7, 1.0, 1.3];
        private readonly Dictionary<string, int> _calls = [];

        public ConfigurationSpace Space => inner.Space;

        public int Calls => _calls.Values.Sum();

        public static double MeanFactor(int runs) => Factors.Take(runs).Average();

        public int CallsOf(Configuration configuration) => _calls.GetValueOrDefault(configuration.Key);

        public async ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
        {
            var measurement = await inner.EvaluateAsync(configuration, cancellationToken);
            var run = CallsOf(configuration);
            _calls[configuration.Key] = run + 1;
            return measurement with { LatencyMs = measurement.LatencyMs * Factors[run % Factors.Length] };
        }
    }
}
