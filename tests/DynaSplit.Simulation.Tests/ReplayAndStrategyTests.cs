using DynaSplit.Optimization;
using DynaSplit.Simulation.Comparison;
using DynaSplit.Simulation.Replay;
using DynaSplit.Simulation.Strategies;
using DynaSplit.Simulation.Workload;

namespace DynaSplit.Simulation.Tests;

public sealed class ReplayAndStrategyTests
{
    [Test]
    public async Task ReplayDrawsRecordedRunsReproducibly()
    {
        var pool = Pools.Vgg16();
        var configuration = pool.Configurations.First(c => pool.GetRuns(c).Count > 2);
        var a = new ReplayTestbed(pool, 1);
        var b = new ReplayTestbed(pool, 1);
        var drawsA = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var run = await a.EvaluateAsync(configuration, CancellationToken.None);
            Assert.That(pool.GetRuns(configuration), Does.Contain(run));
            drawsA.Add(run.LatencyMs);
            Assert.That((await b.EvaluateAsync(configuration, CancellationToken.None)).LatencyMs, Is.EqualTo(run.LatencyMs));
        }

        Assert.That(drawsA.Distinct().Count(), Is.GreaterThan(1), "different runs are drawn");
    }

    [Test]
    public void AnUnmeasuredConfigurationIsRefused()
    {
        var pool = Pools.Variant(row => row["layer"] != "5.0");
        var replay = new ReplayTestbed(pool, 0);
        var unmeasured = pool.Space.ParseKey("cpu-freq=1800;layer=5;edge-accelerator=std;server-accelerator=True");
        Assert.That(() => replay.Draw(unmeasured), Throws.ArgumentException.With.Message.Contains("was not measured in variant.csv"));
    }

    [Test]
    public void BaselinesAreThePapersConfigurations()
    {
        var pool = Pools.Vgg16();
        Assert.That(Baselines.FindCloudOnly(pool)!.Key, Is.EqualTo("cpu-freq=1800;layer=0;edge-accelerator=off;server-accelerator=True"));
        Assert.That(Baselines.FindEdgeOnly(pool)!.Key, Is.EqualTo("cpu-freq=1800;layer=22;edge-accelerator=max;server-accelerator=False"));
    }

    [Test]
    public async Task TheSchedulerOnAnExhaustiveTableMatchesTheOracle()
    {
        var pool = Pools.Vgg16();
        var settings = new ComparisonSettings { ThresholdsMs = QosWorkload.Weibull(10_000, 90.6, 5026.8, 0), BudgetFraction = 1.0 };
        var result = await StrategyComparison.RunAsync(pool, () => new ExhaustiveSearch(), settings, null, CancellationToken.None);
        var outcome = result.Outcomes.ToDictionary(o => o.Strategy);

        Assert.That(result.Outcomes.Select(o => o.Strategy), Is.EqualTo(Baselines.Published));
        Assert.That(outcome[Baselines.CloudOnly].EnergySavedVsCloud, Is.Zero.Within(1e-12));
        Assert.That(outcome[Baselines.CloudOnly].MeanLatencyMs, Is.LessThan(100));
        Assert.That(outcome[Baselines.EdgeOnly].MeanEnergyJ, Is.LessThan(3));
        Assert.That(outcome[Baselines.DynaSplit].EnergySavedVsCloud, Is.EqualTo(outcome[Baselines.Oracle].EnergySavedVsCloud).Within(0.005));
        Assert.That(outcome[Baselines.DynaSplit].QosMet, Is.GreaterThan(outcome[Baselines.EdgeOnly].QosMet));
        Assert.That(outcome[Baselines.DynaSplit].EnergySavedVsCloud, Is.GreaterThan(0.4));
    }

    [Test]
    public async Task SeedsAreAveragedAndUnknownStrategiesRefused()
    {
        var pool = Pools.Vgg16();
        var thresholds = QosWorkload.Weibull(500, 90.6, 5026.8, 0);
        var one = await StrategyComparison.RunAsync(pool, () => new RandomSearch(), new ComparisonSettings { ThresholdsMs = thresholds, Seed = 3, Strategies = [Baselines.DynaSplit] }, null, CancellationToken.None);
        var four = await StrategyComparison.RunAsync(pool, () => new RandomSearch(), new ComparisonSettings { ThresholdsMs = thresholds, Seed = 3, Seeds = 4, Strategies = [Baselines.DynaSplit] }, null, CancellationToken.None);

        Assert.That(four.OfflineRuns, Has.Count.EqualTo(4));
        Assert.That(four.OfflineRuns.Select(r => r.Budget + r.Trials.Sum(t => t.Measurement!.Runs - 1)), Is.All.EqualTo(150), "150 trials: distinct configurations and repeats of the fastest");
        Assert.That(four.OfflineRuns.Select(r => r.Budget), Is.All.InRange(134, 149), "up to 16 of them repeats (a tenth, in whole repeats of 2 extra runs)");
        Assert.That(four.TrialBudget, Is.EqualTo(150));
        Assert.That(one.OfflineRuns[0].Trials.Select(t => t.Configuration.Key), Is.EqualTo(four.OfflineRuns[0].Trials.Select(t => t.Configuration.Key)));
        Assert.That(four.Outcomes[0].MeanEnergyJ, Is.Not.EqualTo(one.Outcomes[0].MeanEnergyJ), "the average covers other seeds");

        Assert.That(async () => await StrategyComparison.RunAsync(pool, () => new RandomSearch(), new ComparisonSettings { ThresholdsMs = thresholds, Strategies = ["greedy"] }, null, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("Unknown strategy 'greedy'"));
    }
}
