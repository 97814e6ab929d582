using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;
using DynaSplit.Topology;

namespace DynaSplit.Placements.Tests;

public sealed class CoreTopologyTests
{
    [Test]
    public void The_core_topology_round_trips_and_plans_the_same()
    {
        var system = FinReference.Topology.ToSystemTopology();
        var back = system.ToTierTopology();
        var problem = new PlacementProblem(back, FinReference.AlexNet, new PlacementRequirements(5, 80));

        Assert.Multiple(() =>
        {
            Assert.That(system.Describe(), Is.EqualTo("device -> edge -> cloud"));
            Assert.That(system.FindLink("device", "cloud")!.RateBitsPerSecond, Is.EqualTo(1e9 / 0.00022));
            Assert.That(new FinPlanner().Plan(problem).Plan!.EnergyJ, Is.EqualTo(0.085603).Within(5e-7));
        });
    }

    [Test]
    public void A_core_tier_without_capacity_is_refused_by_name()
    {
        var system = new SystemTopology([new Tier("device") { OperationsPerSecond = 1e9, ActivePowerW = 1 }, new Tier("cloud") { ActivePowerW = 100 }]);
        Assert.That(() => system.ToTierTopology(), Throws.ArgumentException.With.Message.Contains("Tier 'cloud' has no OperationsPerSecond"));
    }

    [Test]
    public void A_plan_becomes_the_cores_placement_with_one_stage_per_run_of_blocks()
    {
        var plan = PlacementCostModel.Evaluate(FinReference.Topology, FinReference.AlexNet, 2, [0, 0, 0, 2, 2]);
        var placement = plan.ToPlacement();

        Assert.That(placement.ToString(), Is.EqualTo("device[0..3] | cloud[3..5]"));
        Assert.That(placement.Cuts, Is.EqualTo(new[] { 3 }));
        Assert.DoesNotThrow(() => placement.Validate(FinReference.Topology.ToSystemTopology()));
        Assert.That(PlacementCostModel.Evaluate(FinReference.Topology, FinReference.AlexNet, 0, [0]).ToPlacement().ToString(), Is.EqualTo("device[0..1]"));
    }
}
