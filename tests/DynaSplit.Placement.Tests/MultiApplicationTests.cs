using DynaSplit.Placements.Model;
using DynaSplit.Placements.MultiApplication;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;

namespace DynaSplit.Placements.Tests;

public sealed class MultiApplicationTests
{
    [Test]
    public void Each_networks_users_split_its_share_of_the_edge_and_cloud_but_keep_their_own_device()
    {
        var requirements = new PlacementRequirements(5, 80);
        var apps = Enumerable.Range(1, 4).Select(i => new PlacementApplication($"alex{i}", FinReference.AlexNet, requirements))
            .Append(new PlacementApplication("res", FinReference.ResNet, requirements)).ToArray();
        var plan = new MultiApplicationPlanner(new FinPlanner(), FinReference.MultiApplicationShare).Plan(FinReference.Topology, apps);

        var alex = plan.Outcomes[0].Topology;
        var res = plan.Outcomes[4].Topology;
        Assert.Multiple(() =>
        {
            Assert.That(alex.Tiers[0].OperationsPerSecond, Is.EqualTo(11e9));
            Assert.That(alex.Tiers[1].OperationsPerSecond, Is.EqualTo(153.4e9 * 0.001 * 1000 / 4).Within(1e-6).Percent);
            Assert.That(alex.Tiers[2].OperationsPerSecond, Is.EqualTo(312e9 / 4).Within(1e-6).Percent);
            Assert.That(res.Tiers[2].OperationsPerSecond, Is.EqualTo(312e9 * 10).Within(1e-6).Percent);
            Assert.That(plan.Outcomes.Select(o => o.Application.Name), Is.EqualTo(new[] { "alex1", "alex2", "alex3", "alex4", "res" }));
        });
    }

    [Test]
    public void More_users_of_a_network_never_lower_its_energy_or_raise_its_success()
    {
        var fin = new MultiApplicationPlanner(new FinPlanner(), FinReference.MultiApplicationShare);
        double previousEnergy = 0, previousSuccess = 1;
        var requirements = new PlacementRequirements(4, 80);
        var sawFailure = false;
        foreach (var users in new[] { 1, 2, 5, 10, 20, 40 })
        {
            var apps = Enumerable.Range(1, users).Select(i => new PlacementApplication($"a{i}", FinReference.AlexNet, requirements)).ToArray();
            var plan = fin.Plan(FinReference.Topology, apps);
            if (plan.SuccessProbability > 0)
            {
                var perUser = plan.EnergyJ / plan.Outcomes.Count(o => o.RequirementsMet);
                Assert.That(perUser, Is.GreaterThanOrEqualTo(previousEnergy * (1 - 1e-12)), $"{users} users");
                previousEnergy = perUser;
            }
            else
            {
                sawFailure = true;
            }

            Assert.That(plan.SuccessProbability, Is.LessThanOrEqualTo(previousSuccess));
            previousSuccess = plan.SuccessProbability;
        }

        Assert.That(sawFailure, Is.True, "40 users sharing a thousandth of the cloud cannot all run B-AlexNet at 80% in 4 ms");
    }

    [Test]
    public void On_a_random_population_fin_meets_at_least_as_many_requirements_as_the_benchmark_and_spends_no_more_on_each()
    {
        var population = MultiApplicationPlanner.RandomPopulation(FinReference.Profiles, 10, (3, 15), (10, 85), seed: 7);
        var fin = new MultiApplicationPlanner(new FinPlanner(), FinReference.MultiApplicationShare).Plan(FinReference.Topology, population);
        var greedy = new MultiApplicationPlanner(new LatencyGreedyPlanner(), FinReference.MultiApplicationShare).Plan(FinReference.Topology, population);

        Assert.That(population, Has.Count.EqualTo(30));
        Assert.That(fin.SuccessProbability, Is.GreaterThanOrEqualTo(greedy.SuccessProbability));
        for (var i = 0; i < population.Count; i++)
        {
            if (greedy.Outcomes[i].RequirementsMet)
            {
                Assert.That(fin.Outcomes[i].RequirementsMet, Is.True);
                Assert.That(fin.Outcomes[i].Result.Plan!.EnergyJ, Is.LessThanOrEqualTo(greedy.Outcomes[i].Result.Plan!.EnergyJ * (1 + 1e-12)));
            }
        }

        Assert.That(fin.EnergyJ, Is.GreaterThan(0));
    }
}
