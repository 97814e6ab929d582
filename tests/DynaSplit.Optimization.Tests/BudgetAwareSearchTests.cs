using DynaSplit.Objectives;
using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Indicators;
using DynaSplit.Optimization.Strategies;
using DynaSplit.Simulation.Replay;
using DynaSplit.Spaces;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class BudgetAwareSearchTests
{
    private static readonly string RestrictedPool = Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "vgg16_pool_600mhz_tpu_max.csv");

    [Test]
    public async Task OnASmallSpaceATwentyPercentBudgetFindsNearlyTheWholeFront()
    {
        // 42 configurations (VGG16 at 600 MHz with the TPU at max): a 20% budget is 9 trials.
        var pool = MeasurementPoolCsv.Load(RestrictedPool);
        Assert.That(pool.Configurations, Has.Count.EqualTo(42));
        var plane = new LogPlane(pool);
        var exhaustive = plane.Hypervolume(pool.Configurations);
        var ratios = new List<double>();
        var plain = new List<double>();
        for (var seed = 0; seed < 21; seed++)
        {
            ratios.Add(plane.Hypervolume(await ParetoSetAsync(pool, new Nsga3Optimizer(Nsga3Options.BudgetAware()), seed)) / exhaustive);
            plain.Add(plane.Hypervolume(await ParetoSetAsync(pool, new Nsga3Optimizer(), seed)) / exhaustive);
        }

        TestContext.Out.WriteLine($"budget-aware: median {TestRuns.Median(ratios):F4}, min {ratios.Min():F4}; plain: median {TestRuns.Median(plain):F4}, min {plain.Min():F4}");
        Assert.That(TestRuns.Median(ratios), Is.GreaterThanOrEqualTo(0.97));
        Assert.That(TestRuns.Median(ratios), Is.GreaterThan(TestRuns.Median(plain)));
    }

    [Test]
    public void SplitCornersAreTheEndsOfTheSplitRangeWithEveryOtherParameterLowAndHigh()
    {
        var corners = PriorDesigns.SplitCorners(SyntheticTestbed.CreateSpace()).Select(c => c.Key).ToList();
        Assert.That(corners, Is.EqualTo(new[]
        {
            "layer=0;cpu-freq=600;edge-accelerator=off;server-accelerator=False",
            "layer=0;cpu-freq=1800;edge-accelerator=off;server-accelerator=True", // the rule turns the TPU off at split 0
            "layer=21;cpu-freq=600;edge-accelerator=off;server-accelerator=False",
            "layer=21;cpu-freq=1800;edge-accelerator=max;server-accelerator=False", // and the cloud GPU off at 21
        }));
        Assert.That(PriorDesigns.SplitCorners(new ConfigurationSpace([new IntegerParameter("a", 0, 3)])), Is.Empty, "no split-point parameter");
    }

    [TestCase(10, 8, 3)]
    [TestCase(38, 13, 8)]
    [TestCase(150, 50, 30)]
    [TestCase(1000, 50, 50)]
    public void SizesFollowTheBudget(int budget, int population, int design)
    {
        var problem = new OptimizationProblem(SyntheticTestbed.CreateSpace(), WellKnownObjectives.LatencyEnergy, budget, 0);
        Assert.That(BudgetSizing.For(problem, Nsga3Options.BudgetAware()), Is.EqualTo(new BudgetSizing(population, design)));
        Assert.That(BudgetSizing.For(problem, new Nsga3Options()), Is.EqualTo(new BudgetSizing(50, null)), "the published algorithm");
    }

    [Test]
    public void TheFirstProposalsAreTheCornersThenTheDesignThenTheSurrogate()
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = new Nsga3Optimizer(Nsga3Options.BudgetAware()).CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergy, 40, 3));
        var corners = PriorDesigns.SplitCorners(space).ToList();
        var first = session.Ask(4);
        Assert.That(first, Is.EqualTo(corners));

        // The design has 8 configurations (a fifth of 40): the corners and 4 Latin-hypercube rows, whose split
        // levels are 4 different ones (a permutation block of the 22 levels).
        var rows = session.Ask(4);
        Assert.That(rows.Select(c => c["layer"]), Is.Unique);
        foreach (var c in first.Concat(rows))
        {
            Tell(session, c);
        }

        var guided = session.Ask(1).Single();
        Assert.That(first.Concat(rows), Does.Not.Contain(guided));
    }

    [Test]
    public void AWarmStartShortensTheDesignAndIsNeverProposedAgain()
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = new Nsga3Optimizer(Nsga3Options.BudgetAware()).CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergy, 40, 3));
        var corners = PriorDesigns.SplitCorners(space).ToList();
        var stored = space.ValidConfigurations.Where((_, i) => i % 37 == 5).Take(8).Append(corners[0]).ToList();
        foreach (var c in stored)
        {
            Tell(session, c);
        }

        // Nine told trials cover the design of 8: only the three corners not told remain before the surrogate guides.
        var proposals = session.Ask(10);
        Assert.That(proposals.Take(3), Is.EqualTo(corners.Skip(1)));
        Assert.That(proposals, Has.Count.EqualTo(10));
        foreach (var c in proposals)
        {
            Tell(session, c);
        }

        var next = new List<Configuration>();
        for (var i = 0; i < 20; i++)
        {
            var c = session.Ask(1).Single();
            next.Add(c);
            Tell(session, c);
        }

        Assert.That(next.Concat(proposals), Is.Unique);
        Assert.That(next.Intersect(stored), Is.Empty);
    }

    private static void Tell(IOptimizationSession session, Configuration c)
    {
        var m = SyntheticTestbed.Model(c);
        session.Tell(c, [m.LatencyMs, m.EnergyJ]);
    }

    private static async Task<IEnumerable<Configuration>> ParetoSetAsync(MeasurementPool pool, IMultiObjectiveOptimizer optimizer, int seed)
    {
        var result = await new OfflinePhase(new ReplayTestbed(pool, seed), optimizer).RunAsync(
            new OfflinePhaseOptions { BudgetFraction = 0.2, Seed = seed, Objectives = WellKnownObjectives.LatencyEnergy }, CancellationToken.None);
        Assert.That(result.Budget, Is.EqualTo(9));
        return result.ParetoSet.Select(t => t.Configuration);
    }

    /// <summary>The CLI's hypervolume plane: log latency and log energy of the pool means, normalized, reference (1.1, 1.1).</summary>
    private sealed class LogPlane(MeasurementPool pool)
    {
        private readonly double _minLatency = pool.Configurations.Min(c => Math.Log(pool.Means[c].LatencyMs));
        private readonly double _maxLatency = pool.Configurations.Max(c => Math.Log(pool.Means[c].LatencyMs));
        private readonly double _minEnergy = pool.Configurations.Min(c => Math.Log(pool.Means[c].EnergyJ));
        private readonly double _maxEnergy = pool.Configurations.Max(c => Math.Log(pool.Means[c].EnergyJ));

        public double Hypervolume(IEnumerable<Configuration> configurations) => Indicators.Hypervolume.Compute(
            configurations.Select(c => new[]
            {
                (Math.Log(pool.Means[c].LatencyMs) - _minLatency) / (_maxLatency - _minLatency),
                (Math.Log(pool.Means[c].EnergyJ) - _minEnergy) / (_maxEnergy - _minEnergy),
            }).ToList(),
            [1.1, 1.1]);
    }
}
