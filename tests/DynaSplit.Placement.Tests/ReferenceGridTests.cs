using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;

namespace DynaSplit.Placements.Tests;

/// <summary>The acceptance grid: the three reference networks at every latency 3..15 ms and accuracy 10..85%.</summary>
public sealed class ReferenceGridTests
{
    private static readonly int[] Gammas = [1, 2, 3, 5, 10, 20, 50, 100, 1000];

    /// <summary>A gamma large enough for every point of the grid (the smallest unused share of the limit is 3.3%; see the docs).</summary>
    private const int LargeGamma = 1000;

    private static IEnumerable<TestCaseData> Models() => FinReference.Profiles.Select(p => new TestCaseData(p).SetArgDisplayNames(p.Name));

    [TestCaseSource(nameof(Models))]
    public void Fin_with_a_large_gamma_returns_the_exhaustive_optimum_at_every_grid_point(EarlyExitProfile profile)
    {
        var exhaustive = new ExhaustivePlanner();
        var fin = new FinPlanner(new FinPlannerOptions { Gamma = LargeGamma });
        int feasible = 0, infeasible = 0;
        foreach (var latency in FinReference.LatencyGridMs)
        {
            foreach (var accuracy in FinReference.AccuracyGridPercent)
            {
                var problem = new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(latency, accuracy));
                var optimum = exhaustive.Plan(problem);
                var found = fin.Plan(problem);
                Assert.That(found.IsFeasible, Is.EqualTo(optimum.IsFeasible), $"{problem.Requirements}: FIN {found}, optimum {optimum}");
                if (!optimum.IsFeasible)
                {
                    infeasible++;
                    Assert.That(found.InfeasibleReason, Is.Not.Empty);
                    continue;
                }

                feasible++;
                Assert.That(found.Plan!.EnergyJ, Is.EqualTo(optimum.Plan.EnergyJ).Within(1e-12).Percent, $"{problem.Requirements}: FIN {found.Plan}, optimum {optimum.Plan}");
                Assert.That(found.Plan.Meets(problem.Requirements), Is.True);
            }
        }

        // Every exit of the reference networks fits 3 ms, so the whole grid is feasible; infeasible points are tested below.
        Assert.That(feasible, Is.EqualTo(FinReference.LatencyGridMs.Count * FinReference.AccuracyGridPercent.Count));
        Assert.That(infeasible, Is.Zero);
    }

    [TestCaseSource(nameof(Models))]
    public void For_every_gamma_fins_plan_is_feasible_and_never_cheaper_than_the_optimum(EarlyExitProfile profile)
    {
        var exhaustive = new ExhaustivePlanner();
        var planners = Gammas.Select(g => new FinPlanner(new FinPlannerOptions { Gamma = g })).ToArray();
        var worse = 0;
        foreach (var latency in FinReference.LatencyGridMs)
        {
            foreach (var accuracy in FinReference.AccuracyGridPercent)
            {
                var problem = new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(latency, accuracy));
                var optimum = exhaustive.Plan(problem);
                foreach (var fin in planners)
                {
                    var found = fin.Plan(problem);
                    if (!found.IsFeasible)
                    {
                        continue;
                    }

                    Assert.That(optimum.IsFeasible, Is.True, $"gamma {fin.Gamma} found {found.Plan} where no plan exists");
                    Assert.That(found.Plan.Meets(problem.Requirements), Is.True, $"gamma {fin.Gamma}: {found.Plan} misses {problem.Requirements}");
                    Assert.That(found.Plan.EnergyJ, Is.GreaterThanOrEqualTo(optimum.Plan!.EnergyJ * (1 - 1e-12)));
                    worse += found.Plan.EnergyJ > optimum.Plan.EnergyJ * (1 + 1e-12) ? 1 : 0;
                }
            }
        }

        TestContext.Out.WriteLine($"{profile.Name}: {worse} (gamma, point) pairs above the optimum");
    }

    [TestCaseSource(nameof(Models))]
    public void The_greedy_benchmark_meets_the_requirements_when_it_plans_and_never_beats_the_optimum(EarlyExitProfile profile)
    {
        var exhaustive = new ExhaustivePlanner();
        var greedy = new LatencyGreedyPlanner();
        foreach (var latency in FinReference.LatencyGridMs)
        {
            foreach (var accuracy in FinReference.AccuracyGridPercent)
            {
                var problem = new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(latency, accuracy));
                var optimum = exhaustive.Plan(problem);
                var found = greedy.Plan(problem);
                if (found.IsFeasible)
                {
                    Assert.That(found.Plan.Meets(problem.Requirements), Is.True);
                    Assert.That(optimum.IsFeasible, Is.True);
                    Assert.That(found.Plan.EnergyJ, Is.GreaterThanOrEqualTo(optimum.Plan!.EnergyJ));
                }
            }
        }
    }

    [TestCase(2.0, 50.0, TestName = "B-AlexNet in 2 ms (its first block alone takes 2.06 ms on the device)")]
    [TestCase(5.0, 86.0, TestName = "B-AlexNet above 86% (its best exit reaches 85.95%)")]
    public void Points_no_placement_meets_are_reported_infeasible_by_every_planner(double latencyMs, double accuracyPercent)
    {
        var problem = new PlacementProblem(FinReference.Topology, FinReference.AlexNet, new PlacementRequirements(latencyMs, accuracyPercent));
        foreach (IPlacementPlanner planner in new IPlacementPlanner[] { new ExhaustivePlanner(), new FinPlanner(new FinPlannerOptions { Gamma = 100_000 }), new LatencyGreedyPlanner() })
        {
            var result = planner.Plan(problem);
            Assert.That(result.IsFeasible, Is.False, $"{planner.Name}: {result}");
            Assert.That(result.Plan, Is.Null);
            Assert.That(result.InfeasibleReason, Does.Contain("B-AlexNet"));
        }
    }

    [Test]
    public void Smallest_unused_share_of_the_limit_at_the_optimum_over_the_grid()
    {
        // Records why LargeGamma suffices: FIN finds every plan leaving at least (steps) / gamma of the limit unused.
        var exhaustive = new ExhaustivePlanner();
        var smallest = double.PositiveInfinity;
        foreach (var profile in FinReference.Profiles)
        {
            foreach (var latency in FinReference.LatencyGridMs)
            {
                foreach (var accuracy in FinReference.AccuracyGridPercent)
                {
                    var optimum = exhaustive.Plan(new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(latency, accuracy)));
                    if (optimum.IsFeasible)
                    {
                        smallest = Math.Min(smallest, 1 - (optimum.Plan.LatencyMs / latency));
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"smallest unused share: {smallest:P3}");
        Assert.That(smallest, Is.GreaterThan(6.0 / LargeGamma));
    }
}
