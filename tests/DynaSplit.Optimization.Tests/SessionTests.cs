using DynaSplit.Objectives;
using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class SessionTests
{
    public static IEnumerable<TestCaseData> Optimizers()
    {
        yield return new TestCaseData(new Nsga2Optimizer()).SetArgDisplayNames("nsga2");
        yield return new TestCaseData(new Nsga3Optimizer()).SetArgDisplayNames("nsga3");
        yield return new TestCaseData(new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = 16 })).SetArgDisplayNames("nsga2+pre-selection");
        yield return new TestCaseData(new Nsga3Optimizer(new Nsga3Options { PreSelectionCandidates = 16 })).SetArgDisplayNames("nsga3+pre-selection");
    }

    /// <summary>The algorithms as published, for tests of what pre-selection replaces or does not apply to.</summary>
    public static IEnumerable<TestCaseData> PlainOptimizers() => Optimizers().Take(2);

    [TestCaseSource(nameof(Optimizers))]
    public void ProposalsAreValidNeverRepeatAndExhaustTheSpace(IMultiObjectiveOptimizer optimizer)
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = optimizer.CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergyAccuracy, space.CountValid(), 7));
        var seen = new HashSet<Configuration>();
        var asks = 0;
        while (true)
        {
            var batch = session.Ask(3);
            asks++;
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var configuration in batch)
            {
                Assert.That(space.IsValid(configuration), Is.True, configuration.Key);
                Assert.That(seen.Add(configuration), Is.True, $"'{configuration.Key}' was proposed twice");
                session.Tell(configuration, SyntheticTestbed.Model(configuration).GetObjectives(WellKnownObjectives.LatencyEnergyAccuracy));
            }

            Assert.That(asks, Is.LessThan(10_000));
        }

        Assert.That(seen, Has.Count.EqualTo(space.CountValid()));
        Assert.That(space.CountValid(), Is.LessThan(space.CombinationCount), "the rules must exclude some combinations");
    }

    [TestCaseSource(nameof(Optimizers))]
    public void SameSeedAndResultsGiveTheSameProposals(IMultiObjectiveOptimizer optimizer)
    {
        var first = Proposals(optimizer, seed: 3, count: 200);
        var second = Proposals(optimizer, seed: 3, count: 200);
        var other = Proposals(optimizer, seed: 4, count: 200);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [TestCaseSource(nameof(Optimizers))]
    public void ObjectiveDirectionsAreHonoured(IMultiObjectiveOptimizer optimizer)
    {
        // Two objectives on a 40 x 40 grid: the sum a + b (maximized, then minimized) and the gap |a - b| (minimized).
        var maximized = MeanSumOfSurvivors(optimizer, ObjectiveDirection.Maximize);
        var minimized = MeanSumOfSurvivors(optimizer, ObjectiveDirection.Minimize);
        TestContext.Out.WriteLine($"mean sum of the survivors: {maximized:F1} when maximized, {minimized:F1} when minimized (39 at random)");
        Assert.That(maximized, Is.GreaterThan(60));
        Assert.That(minimized, Is.LessThan(18));
    }

    [TestCaseSource(nameof(PlainOptimizers))]
    public void ConstraintDominationKeepsFeasibleSolutions(IMultiObjectiveOptimizer optimizer)
    {
        // Minimize a and b, subject to 20 - a <= 0: the constrained optimum is (20, 0), the unconstrained (0, 0).
        var space = new ConfigurationSpace([new IntegerParameter("a", 0, 39), new IntegerParameter("b", 0, 39)]);
        ObjectiveDefinition[] objectives = [new("a", ObjectiveDirection.Minimize), new("b", ObjectiveDirection.Minimize)];
        var session = (GeneticSession)optimizer.CreateSession(new OptimizationProblem(space, objectives, 500, 2) { ConstraintNames = ["limit"] });
        for (var generation = 0; generation < 12; generation++)
        {
            foreach (var c in session.Ask(50))
            {
                session.Tell(c, [c["a"], c["b"]], [20 - c["a"]]);
            }
        }

        session.Ask(1);
        var firstFront = session.Parents.Where(p => p.Rank == 0).ToList();
        Assert.That(session.Parents.Count(p => p.Violation == 0), Is.EqualTo(50), "all 50 survivors should be feasible");
        Assert.That(firstFront.Select(p => (p.Configuration["a"], p.Configuration["b"])), Is.EqualTo(new[] { (20.0, 0.0) }));
    }

    [TestCaseSource(nameof(Optimizers))]
    public void FailedAndWarmStartedConfigurationsAreNotProposed(IMultiObjectiveOptimizer optimizer)
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = optimizer.CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergy, 100, 5));
        var warm = space.ValidConfigurations[17];
        session.Tell(warm, [10, 1]);
        var failed = new HashSet<Configuration>();
        var proposed = new List<Configuration>();
        for (var i = 0; i < 150; i++)
        {
            foreach (var c in session.Ask(1))
            {
                proposed.Add(c);
                if (i % 5 == 0)
                {
                    failed.Add(c);
                    session.TellFailure(c, "synthetic");
                }
                else
                {
                    var m = SyntheticTestbed.Model(c);
                    session.Tell(c, [m.LatencyMs, m.EnergyJ]);
                }
            }
        }

        Assert.That(proposed, Has.Count.EqualTo(150));
        Assert.That(proposed, Is.Unique);
        Assert.That(proposed, Does.Not.Contain(warm));
    }

    [Test]
    public void BadTellsAreRejectedWithTheProblem()
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = new Nsga3Optimizer().CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergy, 10, 0));
        var c = session.Ask(1)[0];
        Assert.Multiple(() =>
        {
            Assert.That(() => session.Tell(c, [1.0]), Throws.ArgumentException.With.Message.Contains("2 (latency, energy)"));
            Assert.That(() => session.Tell(c, [1.0, double.NaN]), Throws.ArgumentException.With.Message.Contains("energy"));
        });
    }

    [Test]
    public void InvalidOptionsAreListed()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Nsga3Optimizer(new Nsga3Options { PopulationSize = 1, CrossoverProbability = 1.5, Divisions = 0, LocalSearchShare = -0.1 }));
        Assert.That(ex!.Message, Does.Contain("PopulationSize is 1").And.Contain("CrossoverProbability is 1.5").And.Contain("Divisions is 0").And.Contain("LocalSearchShare is -0.1"));
        var pre = Assert.Throws<ArgumentException>(() => new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = -1, PreSelectionRandomCandidates = 5000, PreSelectionExploration = double.NaN }));
        Assert.That(pre!.Message, Does.Contain("PreSelectionCandidates is -1").And.Contain("PreSelectionRandomCandidates is 5000").And.Contain("PreSelectionExploration is NaN"));
    }

    [TestCase("nsga3")]
    [TestCase("nsga2")]
    public void PreSelectionChangesProposalsOnlyAfterTheFirstGeneration(string name)
    {
        var plain = ProposalsOneAtATime(Create(name, 0), constrained: false);
        var preSelected = ProposalsOneAtATime(Create(name, 16), constrained: false);
        Assert.That(preSelected.Take(50), Is.EqualTo(plain.Take(50)), "the first generation (Latin hypercube) is the same");
        Assert.That(preSelected.Skip(50), Is.Not.EqualTo(plain.Skip(50)), "later proposals are the surrogate's choice");
        Assert.That(preSelected, Is.Unique);
    }

    [TestCase("nsga3")]
    [TestCase("nsga2")]
    public void ConstrainedProblemsAreBredPlainlyEvenWithPreSelection(string name) =>
        Assert.That(ProposalsOneAtATime(Create(name, 16), constrained: true), Is.EqualTo(ProposalsOneAtATime(Create(name, 0), constrained: true)));

    private static IMultiObjectiveOptimizer Create(string name, int preSelectionCandidates) => name == "nsga3"
        ? new Nsga3Optimizer(new Nsga3Options { PreSelectionCandidates = preSelectionCandidates })
        : new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = preSelectionCandidates });

    private static List<string> ProposalsOneAtATime(IMultiObjectiveOptimizer optimizer, bool constrained)
    {
        var space = SyntheticTestbed.CreateSpace();
        var problem = new OptimizationProblem(space, WellKnownObjectives.LatencyEnergyAccuracy, 120, 5) { ConstraintNames = constrained ? ["latency-limit"] : [] };
        var session = optimizer.CreateSession(problem);
        var keys = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var c = session.Ask(1).Single();
            keys.Add(c.Key);
            var m = SyntheticTestbed.Model(c);
            session.Tell(c, m.GetObjectives(WellKnownObjectives.LatencyEnergyAccuracy), constrained ? [m.LatencyMs - 60] : default);
        }

        return keys;
    }

    [TestCaseSource(nameof(PlainOptimizers))]
    public void LocalStepsChangeOneParameterOfANonDominatedResult(IMultiObjectiveOptimizer optimizer)
    {
        // LocalSearchShare 1: after the first generation every proposal (asked one at a time) is a valid unseen
        // configuration one parameter away from a configuration non-dominated among the results told before it.
        var options = optimizer is Nsga3Optimizer
            ? (IMultiObjectiveOptimizer)new Nsga3Optimizer(new Nsga3Options { PopulationSize = 20, LocalSearchShare = 1 })
            : new Nsga2Optimizer(new Nsga2Options { PopulationSize = 20, LocalSearchShare = 1 });
        var space = SyntheticTestbed.CreateSpace();
        var session = options.CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergy, 80, 11));
        var told = new List<(Configuration Configuration, double[] Objectives)>();
        var oneAway = 0;
        for (var i = 0; i < 80; i++)
        {
            var c = session.Ask(1).Single();
            if (i >= 20)
            {
                var front = told.Where(t => !told.Any(o => Pareto.Dominates(o.Objectives, t.Objectives, [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize]))).ToList();
                if (front.Any(t => Enumerable.Range(0, space.Parameters.Count).Count(j => t.Configuration[j] != c[j]) == 1))
                {
                    oneAway++;
                }
            }

            var m = SyntheticTestbed.Model(c);
            double[] objectives = [m.LatencyMs, m.EnergyJ];
            told.Add((c, objectives));
            session.Tell(c, objectives);
        }

        Assert.That(oneAway, Is.EqualTo(60));
    }

    [Test]
    public void LocalStepsFindMoreOfADiscreteFrontThanPlainNsga3()
    {
        // A 12 x 6 x 6 grid; the Pareto front of (x + y + z, 11 - x + y + z) is the 12 points y = z = 0.
        var space = new ConfigurationSpace([new IntegerParameter("x", 0, 11), new IntegerParameter("y", 0, 5), new IntegerParameter("z", 0, 5)]);
        ObjectiveDefinition[] objectives = [new("f1", ObjectiveDirection.Minimize), new("f2", ObjectiveDirection.Minimize)];
        double Found(double share)
        {
            var total = 0;
            for (var seed = 0; seed < 10; seed++)
            {
                var session = new Nsga3Optimizer(new Nsga3Options { PopulationSize = 20, LocalSearchShare = share })
                    .CreateSession(new OptimizationProblem(space, objectives, 80, seed));
                var front = 0;
                for (var i = 0; i < 80; i++)
                {
                    var c = session.Ask(1).Single();
                    if (c["y"] == 0 && c["z"] == 0)
                    {
                        front++;
                    }

                    session.Tell(c, [c["x"] + c["y"] + c["z"], 11 - c["x"] + c["y"] + c["z"]]);
                }

                total += front;
            }

            return total / 10.0;
        }

        var plain = Found(0);
        var local = Found(0.75);
        TestContext.Out.WriteLine($"Pareto-optimal configurations among 80 proposals, mean of 10 seeds: {plain:F1} plain, {local:F1} with local steps");
        Assert.That(local, Is.GreaterThan(plain + 5));
    }

    [Test]
    public void ParetoArchiveKeepsTheNonDominatedResults()
    {
        var space = new ConfigurationSpace([new IntegerParameter("a", 0, 9)]);
        var archive = new ParetoArchive();
        Individual At(int a, double f1, double f2, double violation = 0) => new([a], space.Create([a]), [f1, f2], violation);
        archive.Add(At(0, 5, 5));
        archive.Add(At(1, 6, 6));          // dominated: not kept
        archive.Add(At(2, 1, 9));
        archive.Add(At(3, 4, 4));          // dominates (5, 5)
        archive.Add(At(4, 0, 0, 1));       // infeasible: dominated by every feasible result
        Assert.That(archive.Members.Select(m => (int)m.Configuration["a"]), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void Nsga3DefaultsFollowThePaperSetup()
    {
        var options = new Nsga3Options();
        var session = (GeneticSession)new Nsga3Optimizer(options).CreateSession(
            new OptimizationProblem(SyntheticTestbed.CreateSpace(), WellKnownObjectives.LatencyEnergyAccuracy, 100, 0));
        Assert.Multiple(() =>
        {
            Assert.That(options.PopulationSize, Is.EqualTo(50));
            Assert.That(options.CrossoverProbability, Is.EqualTo(0.9));
            Assert.That(options.Divisions, Is.EqualTo(3));
            Assert.That(((Selection.Nsga3Selection)session.Selection).ReferencePoints, Has.Length.EqualTo(10));
            Assert.That(session.Ask(100), Has.Count.EqualTo(100));
        });
    }

    private static double MeanSumOfSurvivors(IMultiObjectiveOptimizer optimizer, ObjectiveDirection direction)
    {
        var space = new ConfigurationSpace([new IntegerParameter("a", 0, 39), new IntegerParameter("b", 0, 39)]);
        ObjectiveDefinition[] objectives = [new("sum", direction), new("gap", ObjectiveDirection.Minimize)];
        var session = (GeneticSession)optimizer.CreateSession(new OptimizationProblem(space, objectives, 400, 1));
        for (var generation = 0; generation < 8; generation++)
        {
            foreach (var c in session.Ask(50))
            {
                session.Tell(c, [c["a"] + c["b"], Math.Abs(c["a"] - c["b"])]);
            }
        }

        session.Ask(1);
        return session.Parents.Average(p => p.Configuration["a"] + p.Configuration["b"]);
    }

    private static List<string> Proposals(IMultiObjectiveOptimizer optimizer, int seed, int count)
    {
        var space = SyntheticTestbed.CreateSpace();
        var session = optimizer.CreateSession(new OptimizationProblem(space, WellKnownObjectives.LatencyEnergyAccuracy, count, seed));
        var keys = new List<string>();
        while (keys.Count < count)
        {
            foreach (var c in session.Ask(7))
            {
                keys.Add(c.Key);
                session.Tell(c, SyntheticTestbed.Model(c).GetObjectives(WellKnownObjectives.LatencyEnergyAccuracy));
            }
        }

        return keys;
    }
}
