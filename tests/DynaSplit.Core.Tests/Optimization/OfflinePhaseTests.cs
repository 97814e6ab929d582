using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Optimization;

public sealed class OfflinePhaseTests
{
    private static ConfigurationSpace SmallSpace() => new(
        [new IntegerParameter("layer", 0, 9, 1, ParameterRole.SplitPoint), new OrdinalParameter("cpu", [1, 2, 3])],
        [new ImplicationRule("layer", "0", "cpu", "3")]);

    private static OfflinePhaseOptions Options(double fraction = 1.0, int seed = 0) =>
        new() { BudgetFraction = fraction, Seed = seed, Objectives = WellKnownObjectives.LatencyEnergy };

    [Test]
    public void BudgetIsACeilingOfTheFractionInUniqueConfigurations()
    {
        Assert.That(Budget.FromFraction(0.2, 917), Is.EqualTo(184));
        Assert.That(Budget.FromFraction(0.2, 747), Is.EqualTo(150));
        Assert.That(Budget.FromFraction(0.2, 10), Is.EqualTo(2));
        Assert.That(Budget.FromFraction(1e-9, 10), Is.EqualTo(1));
        Assert.That(() => Budget.FromFraction(0, 10), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Budget.FromFraction(1.5, 10), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task ExhaustiveSearchMeasuresEveryValidConfigurationOnce()
    {
        var space = SmallSpace();
        var testbed = new FakeTestbed(space);
        var result = await new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(Options(), CancellationToken.None);

        Assert.That(space.CountValid(), Is.EqualTo(28));
        Assert.That(testbed.Evaluated, Has.Count.EqualTo(28));
        Assert.That(testbed.Evaluated.Distinct().Count(), Is.EqualTo(28));
        Assert.That(result.Budget, Is.EqualTo(28));
        // latency grows and energy falls with the split; at a given split the lowest cpu level is best -> one per split.
        Assert.That(result.ParetoSet.Select(t => t.Configuration.Key), Is.EqualTo(
            new[] { "layer=0;cpu=3" }.Concat(Enumerable.Range(1, 9).Select(l => $"layer={l};cpu=1"))));
        Assert.That(result.Table.Entries, Has.Count.EqualTo(10));
    }

    [Test]
    public async Task RepeatedProposalsAreAnsweredFromTheCacheAndDoNotCount()
    {
        var space = SmallSpace();
        var testbed = new FakeTestbed(space);
        var a = space.ParseKey("layer=1;cpu=1");
        var b = space.ParseKey("layer=2;cpu=1");
        var c = space.ParseKey("layer=3;cpu=2");
        var optimizer = new ScriptedOptimizer(_ => [a, a, b, a, b, c, space.ParseKey("layer=4;cpu=1")]);
        var result = await new OfflinePhase(testbed, optimizer).RunAsync(new OfflinePhaseOptions { Budget = 3, Objectives = WellKnownObjectives.LatencyEnergy }, CancellationToken.None);

        Assert.That(testbed.Evaluated, Is.EqualTo(new[] { a, b, c }));
        Assert.That(result.Trials.Select(t => t.Configuration), Is.EqualTo(new[] { a, b, c }));
        Assert.That(optimizer.Told.Select(t => t.Key), Is.EqualTo(new[] { a.Key, a.Key, b.Key, a.Key, b.Key, c.Key }), "repeats are told the stored result");
        Assert.That(result.Measured, Is.EqualTo(3));
    }

    [Test]
    public async Task FailedTrialsAreRecordedNeverRetriedAndDoNotCount()
    {
        var space = SmallSpace();
        var bad = space.ParseKey("layer=2;cpu=1");
        var testbed = new FakeTestbed(space, c => c.Equals(bad));
        var optimizer = new ScriptedOptimizer(s => [s.ParseKey("layer=1;cpu=1"), bad, bad, s.ParseKey("layer=3;cpu=1"), s.ParseKey("layer=4;cpu=1")]);
        var result = await new OfflinePhase(testbed, optimizer).RunAsync(new OfflinePhaseOptions { Budget = 3, Objectives = WellKnownObjectives.LatencyEnergy }, CancellationToken.None);

        Assert.That(testbed.Evaluated.Count(c => c.Equals(bad)), Is.EqualTo(1));
        Assert.That(optimizer.Failures, Is.EqualTo(new[] { bad.Key, bad.Key }));
        var failed = result.Trials.Single(t => t.Status == TrialStatus.Failed);
        Assert.That(failed.Error, Does.Contain("sensor unplugged"));
        Assert.That(result.Trials.Count(t => t.Status == TrialStatus.Complete), Is.EqualTo(3));
    }

    [Test]
    public void TooManyFailuresStopThePhaseWithTheLastError()
    {
        var space = SmallSpace();
        var testbed = new FakeTestbed(space, _ => true);
        var options = new OfflinePhaseOptions { BudgetFraction = 1, MaxFailedTrials = 4, Objectives = WellKnownObjectives.LatencyEnergy };
        Assert.That(async () => await new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(options, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("4 trials failed").And.Message.Contains("sensor unplugged"));
        Assert.That(testbed.Evaluated, Has.Count.EqualTo(4));
    }

    [Test]
    public void AnInvalidProposalIsReportedAsAnOptimizerBug()
    {
        var space = SmallSpace();
        var invalid = space.ParseKey("layer=0;cpu=1");
        var phase = new OfflinePhase(new FakeTestbed(space), new ScriptedOptimizer(_ => [invalid]));
        Assert.That(async () => await phase.RunAsync(Options(), CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("cpu must be 3 when layer is 0").And.Message.Contains("bug in the optimizer"));
    }

    [Test]
    public async Task AnInterruptedPhaseResumesFromTheStoreWithoutMeasuringTwice()
    {
        var space = SmallSpace();
        var store = new InMemoryTrialStore();
        using var cancel = new CancellationTokenSource();
        var first = new FakeTestbed(space);
        first.AfterEvaluation = () =>
        {
            if (first.Evaluated.Count == 5)
            {
                cancel.Cancel();
            }
        };

        Assert.That(async () => await new OfflinePhase(first, new RandomSearch(), store).RunAsync(Options(0.5, seed: 3), cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await store.LoadAsync(space, CancellationToken.None)).Count, Is.EqualTo(5), "the trial that finished as cancellation came is kept");

        var second = new FakeTestbed(space);
        var resumed = await new OfflinePhase(second, new RandomSearch(), store).RunAsync(Options(0.5, seed: 3), CancellationToken.None);
        var uninterrupted = await new OfflinePhase(new FakeTestbed(space), new RandomSearch()).RunAsync(Options(0.5, seed: 3), CancellationToken.None);

        Assert.That(resumed.Budget, Is.EqualTo(14));
        Assert.That(second.Evaluated, Has.Count.EqualTo(9), "14 in all, 5 of them from the store");
        Assert.That(resumed.Reused, Is.EqualTo(5));
        Assert.That(first.Evaluated.Intersect(second.Evaluated), Is.Empty);
        Assert.That(resumed.ParetoSet.Select(t => t.Configuration.Key), Is.EqualTo(uninterrupted.ParetoSet.Select(t => t.Configuration.Key)));
    }

    [Test]
    public async Task RandomSearchIsSeededAndStaysInsideTheBudget()
    {
        var space = SplitComputingSpace.PaperVgg16();
        async Task<string[]> Run(int seed)
        {
            var testbed = new FakeTestbed(space);
            await new OfflinePhase(testbed, new RandomSearch()).RunAsync(Options(0.2, seed), CancellationToken.None);
            return testbed.Evaluated.Select(c => c.Key).ToArray();
        }

        var a = await Run(1);
        Assert.That(a, Has.Length.EqualTo(184));
        Assert.That(a.Distinct().Count(), Is.EqualTo(184));
        Assert.That(await Run(1), Is.EqualTo(a));
        Assert.That(await Run(2), Is.Not.EqualTo(a));
    }

    [Test]
    public async Task TheDefaultObjectivesDropAccuracyWhenTheTestbedCannotMeasureItAndExplicitOnesAreRefusedBeforeAnyTrial()
    {
        var space = SmallSpace();
        var testbed = new FakeTestbed(space);

        var result = await new OfflinePhase(testbed, new ExhaustiveSearch()).RunAsync(new OfflinePhaseOptions { BudgetFraction = 1 }, CancellationToken.None);
        Assert.That(result.Table.Objectives.Select(o => o.Name), Is.EqualTo(new[] { "latency", "energy" }));

        var fresh = new FakeTestbed(space);
        Assert.That(
            async () => await new OfflinePhase(fresh, new ExhaustiveSearch()).RunAsync(new OfflinePhaseOptions { BudgetFraction = 1, Objectives = [WellKnownObjectives.Latency, WellKnownObjectives.Accuracy] }, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("cannot measure the objective(s) accuracy"));
        Assert.That(fresh.Evaluated, Is.Empty, "refused before the first trial");
    }
}
