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

    [TestCase("nsga3", 37)]
    [TestCase("nsga2", 1)]
    [TestCase("nsga3", 120)]
    [TestCase("nsga3+pre-selection", 83)]
    public async Task InterruptedStudyResumesFromSqliteWithoutMeasuringTwice(string name, int k)
    {
        IMultiObjectiveOptimizer Create() => OfflinePhaseTests.Create(name);
        var options = new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = 9 };
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
            Assert.That(Keys(resumed.Trials), Is.EqualTo(Keys(uninterrupted.Trials)));
            Assert.That(Keys(resumed.ParetoSet), Is.EqualTo(Keys(uninterrupted.ParetoSet)));
            Assert.That(resumed.Table.Entries.Select(e => e.Configuration.Key), Is.EqualTo(Keys(uninterrupted.ParetoSet)));
        });
    }

    private static string[] Keys(IEnumerable<TrialRecord> trials) => trials.Select(t => t.Configuration.Key).ToArray();
}
