using DynaSplit.Core.Tests.Fakes;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Optimization;

/// <summary>Resuming from a store warm-starts a session that accepts it; non-finite measurements become failed trials.</summary>
public sealed class OfflinePhaseResumeTests
{
    private static readonly ConfigurationSpace Space = new([new IntegerParameter("layer", 0, 9, 1, ParameterRole.SplitPoint)]);

    /// <summary>Proposes layers in ascending order, skipping what it was told; records every tell and when it came.</summary>
    private sealed class AscendingOptimizer(bool warmStart) : IMultiObjectiveOptimizer
    {
        public string Name => warmStart ? "ascending-warm" : "ascending";

        public List<string> Journal { get; } = [];

        public IOptimizationSession CreateSession(OptimizationProblem problem) => warmStart ? new WarmSession(this, problem.Space) : new Session(this, problem.Space);

        private class Session(AscendingOptimizer owner, ConfigurationSpace space) : IOptimizationSession
        {
            private readonly HashSet<string> _seen = [];

            public IReadOnlyList<Configuration> Ask(int maxCount)
            {
                var batch = space.ValidConfigurations.Where(c => !_seen.Contains(c.Key)).Take(maxCount).ToArray();
                foreach (var configuration in batch)
                {
                    _seen.Add(configuration.Key);
                    owner.Journal.Add("ask " + configuration.Key);
                }

                return batch;
            }

            public void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default)
            {
                _seen.Add(configuration.Key);
                owner.Journal.Add("tell " + configuration.Key);
            }

            public void TellFailure(Configuration configuration, string error)
            {
                _seen.Add(configuration.Key);
                owner.Journal.Add("fail " + configuration.Key);
            }
        }

        private sealed class WarmSession(AscendingOptimizer owner, ConfigurationSpace space) : Session(owner, space), IWarmStartSession;
    }

    private static async Task<InMemoryTrialStore> StoreWith(params int[] layers)
    {
        var store = new InMemoryTrialStore();
        var number = 0;
        foreach (var layer in layers)
        {
            var configuration = Space.Create([layer]);
            var measurement = new TrialMeasurement { LatencyMs = 100 + layer, EnergyJ = 50 - layer };
            await store.AppendAsync(new TrialRecord(number++, configuration, TrialStatus.Complete, measurement, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        return store;
    }

    [Test]
    public async Task AWarmStartSessionIsToldEveryStoredTrialBeforeItsFirstAskAndNothingIsMeasuredTwice()
    {
        var store = await StoreWith(7, 2);
        var testbed = new FakeTestbed(Space);
        var optimizer = new AscendingOptimizer(warmStart: true);
        var phase = new OfflinePhase(testbed, optimizer, store);

        var result = await phase.RunAsync(new OfflinePhaseOptions { Budget = 4, Objectives = WellKnownObjectives.LatencyEnergy, MaxConcurrentTrials = 1 }, CancellationToken.None);

        Assert.That(optimizer.Journal.Take(2), Is.EqualTo(new[] { "tell layer=7", "tell layer=2" }), "stored trials first, in the order measured");
        Assert.That(testbed.Evaluated.Select(c => c.Key), Is.EqualTo(new[] { "layer=0", "layer=1" }), "the budget's two remaining trials, none stored measured again");
        Assert.That((result.Measured, result.Reused), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task ASessionWithoutWarmStartIsToldAStoredTrialWhenItProposesItAgain()
    {
        var store = await StoreWith(1);
        var testbed = new FakeTestbed(Space);
        var optimizer = new AscendingOptimizer(warmStart: false);

        var result = await new OfflinePhase(testbed, optimizer, store).RunAsync(new OfflinePhaseOptions { Budget = 3, Objectives = WellKnownObjectives.LatencyEnergy, MaxConcurrentTrials = 1 }, CancellationToken.None);

        Assert.That(optimizer.Journal, Is.EqualTo(new[] { "ask layer=0", "tell layer=0", "ask layer=1", "tell layer=1", "ask layer=2", "tell layer=2" }));
        Assert.That(testbed.Evaluated.Select(c => c.Key), Is.EqualTo(new[] { "layer=0", "layer=2" }));
        Assert.That((result.Measured, result.Reused), Is.EqualTo((2, 1)));
    }

    /// <summary>A testbed whose sensor returns NaN energy at layer 3.</summary>
    private sealed class NaNTestbed : ITestbed
    {
        public ConfigurationSpace Space => OfflinePhaseResumeTests.Space;

        public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
        {
            var layer = configuration[0];
            return ValueTask.FromResult(new TrialMeasurement { LatencyMs = 100 + layer, EnergyJ = layer == 3 ? double.NaN : 50 - layer });
        }
    }

    [Test]
    public async Task ANonFiniteMeasurementIsAFailedTrialInMemoryInTheStoreAndForTheOptimizer()
    {
        var store = new InMemoryTrialStore();
        var optimizer = new AscendingOptimizer(warmStart: false);

        var result = await new OfflinePhase(new NaNTestbed(), optimizer, store).RunAsync(new OfflinePhaseOptions { Budget = 5, Objectives = WellKnownObjectives.LatencyEnergy, MaxConcurrentTrials = 2 }, CancellationToken.None);

        var nan = result.Trials.Single(t => t.Configuration.Key == "layer=3");
        Assert.That(nan.Status, Is.EqualTo(TrialStatus.Failed));
        Assert.That(nan.Error, Does.Contain("non-finite energy"));
        Assert.That(optimizer.Journal, Does.Contain("fail layer=3"));
        Assert.That((await store.LoadAsync(Space, CancellationToken.None)).Single(t => t.Configuration.Key == "layer=3").Status, Is.EqualTo(TrialStatus.Failed));
        Assert.That(result.Table.Entries.Select(e => e.Configuration.Key), Does.Not.Contain("layer=3"));
        Assert.That(result.Trials.Count(t => t.Status == TrialStatus.Complete), Is.EqualTo(5), "the phase went on to its budget");
    }
}
