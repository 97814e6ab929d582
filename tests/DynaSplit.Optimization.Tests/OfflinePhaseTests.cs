using DynaSplit.Optimization.Storage;
using DynaSplit.Trials;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class OfflinePhaseTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dynasplit-opt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<TestCaseData> Optimizers()
    {
        foreach (var name in new[] { "nsga2", "nsga3", "nsga2+pre-selection", "nsga3+pre-selection" })
        {
            yield return new TestCaseData(Create(name)).SetArgDisplayNames(name);
        }
    }

    private static IMultiObjectiveOptimizer Create(string name) => name switch
    {
        "nsga3" => new Nsga3Optimizer(),
        "nsga2" => new Nsga2Optimizer(),
        "nsga3+pre-selection" => new Nsga3Optimizer(new Nsga3Options { PreSelectionCandidates = 16 }),
        "nsga2+pre-selection" => new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = 16 }),
        _ => throw new ArgumentException(name),
    };

    [TestCaseSource(nameof(Optimizers))]
    public async Task FullBudgetGivesExactlyTheExhaustiveResult(IMultiObjectiveOptimizer optimizer)
    {
        var testbed = new SyntheticTestbed();
        var valid = testbed.Space.CountValid();
        var result = await new OfflinePhase(testbed, optimizer).RunAsync(new OfflinePhaseOptions { Budget = valid, Seed = 11 }, CancellationToken.None);
        var exhaustive = await new OfflinePhase(new SyntheticTestbed(), new ExhaustiveSearch()).RunAsync(new OfflinePhaseOptions { Budget = valid }, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.Measured, Is.EqualTo(valid));
            Assert.That(testbed.Evaluated, Has.Count.EqualTo(valid));
            Assert.That(Keys(result.ParetoSet), Is.EquivalentTo(Keys(exhaustive.ParetoSet)));
            Assert.That(Keys(result.ParetoSet), Has.Length.GreaterThan(5));
        });
    }

    [TestCaseSource(nameof(Optimizers))]
    public async Task EveryAskIsANewMeasurement(IMultiObjectiveOptimizer optimizer)
    {
        var testbed = new SyntheticTestbed();
        var options = new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 3, MaxConcurrentTrials = 4 };
        var result = await new OfflinePhase(testbed, optimizer).RunAsync(options, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.Budget, Is.EqualTo((int)Math.Ceiling(0.2 * testbed.Space.CountValid())));
            Assert.That(result.Trials, Has.Count.EqualTo(result.Budget));
            Assert.That(testbed.Evaluated, Is.Unique);
            Assert.That(testbed.Evaluated, Has.Count.EqualTo(result.Budget));
        });
    }

    [TestCaseSource(nameof(Optimizers))]
    public async Task FailedTrialsAreRecordedAndNeverRetried(IMultiObjectiveOptimizer optimizer)
    {
        var testbed = new SyntheticTestbed(fails: c => c["layer"] == 7);
        var result = await new OfflinePhase(testbed, optimizer).RunAsync(new OfflinePhaseOptions { Budget = 300, Seed = 1, MaxFailedTrials = 1000 }, CancellationToken.None);
        var failed = result.Trials.Where(t => t.Status == TrialStatus.Failed).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.Not.Empty);
            Assert.That(failed.All(t => t.Error!.Contains("Synthetic failure")), Is.True);
            Assert.That(testbed.Evaluated, Is.Unique);
            Assert.That(result.Trials.Count(t => t.Status == TrialStatus.Complete), Is.EqualTo(300));
        });
    }

    [TestCase("nsga3", 37, ResumeMode.Replay)]
    [TestCase("nsga2", 1, ResumeMode.Replay)]
    [TestCase("nsga3", 120, ResumeMode.Replay)]
    [TestCase("nsga3+pre-selection", 83, ResumeMode.Replay)]
    [TestCase("nsga3", 37, ResumeMode.WarmStart)]
    [TestCase("nsga2", 1, ResumeMode.WarmStart)]
    [TestCase("nsga3+pre-selection", 83, ResumeMode.WarmStart)]
    public async Task InterruptedStudyResumesFromSqliteWithoutMeasuringTwice(string name, int k, ResumeMode mode)
    {
        IMultiObjectiveOptimizer Create() => OfflinePhaseTests.Create(name);
        var options = new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 9, Resume = mode };
        var path = Path.Combine(_folder, "study.db");

        var uninterrupted = await new OfflinePhase(new SyntheticTestbed(), Create()).RunAsync(options, CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        var first = new SyntheticTestbed(cancel, k);
        Assert.That(
            async () => await new OfflinePhase(first, Create(), new SqliteTrialStore(path)).RunAsync(options, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(first.Evaluated, Has.Count.EqualTo(k));

        var reopened = new SqliteTrialStore(path);
        Assert.That(await reopened.LoadAsync(first.Space, CancellationToken.None), Has.Count.EqualTo(k), "every measured trial is in the store");
        var second = new SyntheticTestbed();
        var resumed = await new OfflinePhase(second, Create(), reopened).RunAsync(options, CancellationToken.None);

        var all = first.Evaluated.Concat(second.Evaluated).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(uninterrupted.Budget));
            Assert.That(all, Is.Unique);
            Assert.That(resumed.Reused, Is.EqualTo(k));
            Assert.That(resumed.Measured, Is.EqualTo(uninterrupted.Budget - k));
            Assert.That(Keys(resumed.Trials).Take(k), Is.EqualTo(first.Evaluated), "the stored trials come first, in the order measured");
            if (mode == ResumeMode.Replay)
            {
                // A replay ends exactly as the uninterrupted study.
                Assert.That(Keys(resumed.Trials), Is.EqualTo(Keys(uninterrupted.Trials)));
                Assert.That(Keys(resumed.ParetoSet), Is.EqualTo(Keys(uninterrupted.ParetoSet)));
                Assert.That(resumed.Table.Entries.Select(e => e.Configuration.Key), Is.EqualTo(Keys(uninterrupted.ParetoSet)));
            }
        });
    }

    [TestCase(ResumeMode.WarmStart, 40)]
    [TestCase(ResumeMode.Replay, -1)]
    public async Task AStudyResumedWithAnotherSeedWastesNoStoredTrialOnlyWithAWarmStart(ResumeMode mode, int expectedReused)
    {
        var path = Path.Combine(_folder, "changed.db");
        using var cancel = new CancellationTokenSource();
        var first = new SyntheticTestbed(cancel, 40);
        Assert.That(
            async () => await new OfflinePhase(first, Create("nsga3"), new SqliteTrialStore(path)).RunAsync(new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 9 }, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());

        var resumed = await new OfflinePhase(new SyntheticTestbed(), Create("nsga3"), new SqliteTrialStore(path))
            .RunAsync(new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 10, Resume = mode }, CancellationToken.None);

        if (expectedReused >= 0)
        {
            Assert.That(resumed.Reused, Is.EqualTo(expectedReused), "every stored trial counts towards the budget");
        }
        else
        {
            Assert.That(resumed.Reused, Is.LessThan(40), "a replay with another seed proposes other configurations and leaves stored ones unused");
        }
    }

    private static string[] Keys(IEnumerable<TrialRecord> trials) => trials.Select(t => t.Configuration.Key).ToArray();
}
