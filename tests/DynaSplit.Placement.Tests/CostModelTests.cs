using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;

namespace DynaSplit.Placements.Tests;

public sealed class CostModelTests
{
    [Test]
    public void Worked_example_of_the_reference_matches_to_the_published_digits()
    {
        // B-AlexNet, blocks 1-3 on the device, 4-5 on the cloud, exit 3 (../shared/data/fin/README.md).
        var plan = PlacementCostModel.Evaluate(FinReference.Topology, FinReference.AlexNet, 2, [0, 0, 0, 2, 2]);

        Assert.Multiple(() =>
        {
            Assert.That(plan.ComputeEnergyJ, Is.EqualTo(0.063486).Within(5e-7));
            Assert.That(plan.TransferEnergyJ, Is.EqualTo(0.022117).Within(5e-7));
            Assert.That(plan.EnergyJ, Is.EqualTo(0.085603).Within(5e-7));
            Assert.That(plan.LatencyMs, Is.EqualTo(3.6937).Within(5e-5));
            Assert.That(plan.AccuracyPercent, Is.EqualTo(85.95).Within(1e-9));
            Assert.That(plan.TransferredBits, Is.EqualTo(13 * 13 * 384 * 8));
            Assert.That(plan.Describe(), Is.EqualTo("device[1-3] | cloud[4-5] -> exit after block 5"));
            Assert.That(plan.Meets(new PlacementRequirements(4, 80)), Is.True);
            Assert.That(plan.Meets(new PlacementRequirements(3.6, 80)), Is.False);
            Assert.That(plan.Meets(new PlacementRequirements(4, 85.95)), Is.False, "accuracy must be strictly above the floor");
        });
    }

    [Test]
    public void A_transfer_is_paid_once_per_cut_with_both_ends_energy_and_the_receivers_rate()
    {
        // B-LeNet: block 1 on the device, blocks 2-3 on the edge: one cut of 10x10x16 bytes, device->edge.
        var plan = PlacementCostModel.Evaluate(FinReference.Topology, FinReference.LeNet, 1, [0, 1, 1]);
        const double bits = 10 * 10 * 16 * 8;

        Assert.Multiple(() =>
        {
            Assert.That(plan.TransferEnergyJ, Is.EqualTo(bits * (30 + 37) * 1e-9).Within(1e-15));
            Assert.That(plan.TransferMs, Is.EqualTo(bits * 0.00178e-9 * 1000).Within(1e-15));
            Assert.That(plan.ComputeEnergyJ, Is.EqualTo((6 * 0.1674 / 11000) + (140 * (0.04 + 0.048) / 153400)).Within(1e-15));
        });
    }

    [Test]
    public void Placements_the_model_forbids_are_refused_with_the_rule_they_break()
    {
        var topology = FinReference.Topology;
        var alex = FinReference.AlexNet;

        Assert.Multiple(() =>
        {
            Assert.That(() => PlacementCostModel.Evaluate(topology, alex, 0, [1]), Throws.ArgumentException.With.Message.Contains("data source"));
            Assert.That(() => PlacementCostModel.Evaluate(topology, alex, 1, [0, 2, 1]), Throws.ArgumentException.With.Message.Contains("moves back"));
            Assert.That(() => PlacementCostModel.Evaluate(topology, alex, 1, [0, 1]), Throws.ArgumentException.With.Message.Contains("runs 3 block(s)"));
            Assert.That(() => PlacementCostModel.Evaluate(topology, alex, 3, [0]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_missing_link_forbids_that_hop_but_not_a_route_through_the_middle_tier()
    {
        var tiers = new[] { new ComputeTier("d", 1e9, 1), new ComputeTier("e", 1e10, 10), new ComputeTier("c", 1e11, 100) };
        var links = new[] { new TierLink("d", "e", 1e9, 1e-9, 1e-9), new TierLink("e", "c", 1e10, 1e-9, 1e-9) };
        var topology = new TierTopology(tiers, links);
        var profile = new EarlyExitProfile("p", [new ModelBlock(1e6, 8), new ModelBlock(1e6, 8), new ModelBlock(1e6, 8)], [new ModelExit(3, 90)]);

        Assert.Multiple(() =>
        {
            Assert.That(() => PlacementCostModel.Evaluate(topology, profile, 0, [0, 2, 2]), Throws.ArgumentException.With.Message.Contains("no link d->c"));
            Assert.That(PlacementCostModel.Evaluate(topology, profile, 0, [0, 1, 2]).TransferredBits, Is.EqualTo(16));
        });
    }

    [Test]
    public void Inputs_out_of_range_are_refused_with_what_to_give()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ComputeTier("d", 0, 1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("capacity"));
            Assert.That(() => new TierLink("a", "a", 1, 0, 0), Throws.ArgumentException.With.Message.Contains("itself"));
            Assert.That(() => new TierTopology([new ComputeTier("a", 1, 1), new ComputeTier("b", 1, 1)], [new TierLink("b", "a", 1, 0, 0)]), Throws.ArgumentException.With.Message.Contains("back towards"));
            Assert.That(() => new EarlyExitProfile("p", [new ModelBlock(1, 1)], [new ModelExit(2, 50)]), Throws.ArgumentException.With.Message.Contains("chain has 1 block"));
            Assert.That(() => new EarlyExitProfile("p", [new ModelBlock(1, 1), new ModelBlock(1, 1)], [new ModelExit(2, 50), new ModelExit(1, 40)]), Throws.ArgumentException.With.Message.Contains("order of depth"));
            Assert.That(() => new PlacementRequirements(0, 50), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new PlacementRequirements(5, 101), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new FinPlanner(new FinPlannerOptions { Gamma = 0 }), Throws.ArgumentException.With.Message.Contains("Gamma"));
        });
    }
}
