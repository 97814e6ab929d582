using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Placements.Model;
using DynaSplit.Placements.Onnx;
using DynaSplit.Placements.Planning;
using DynaSplit.Placements.Reference;

namespace DynaSplit.Placements.Tests;

public sealed class OnnxProfileTests
{
    private static readonly OnnxExit[] Exits = [new("exit1", 55), new("exit2", 70), new("exit3", 85)];

    [Test]
    public void Blocks_are_the_trunk_between_exits_with_the_estimated_operations_and_the_cut_feature_sizes()
    {
        var model = OnnxSplitModel.Create(BranchyModels.ThreeExits());
        var built = OnnxProfileBuilder.Build(model, Exits);
        var profile = built.Profile;

        // Conv 3->4 on 8x8 with a 3x3 kernel: 2 x 256 outputs x 27 + 256 for the bias; Relu one per element.
        const double block1 = (2 * 256 * 27) + 256 + 256;
        const double block2 = (2 * 512 * 36) + 512 + 512;
        const double block3 = (2 * 512 * 72) + 512 + 512;
        Assert.Multiple(() =>
        {
            Assert.That(profile.Name, Is.EqualTo("branchy"));
            Assert.That(profile.Blocks.Select(b => b.Operations).Take(2), Is.EqualTo(new[] { block1, block2 }));
            Assert.That(profile.Blocks[2].Operations, Is.GreaterThan(block3), "the last block holds the final classifier too");
            Assert.That(profile.Blocks.Select(b => b.OutputBits), Is.EqualTo(new[] { 4 * 64 * 32.0, 8 * 64 * 32.0, 0 }));
            Assert.That(built.Cuts.Select(c => string.Join(",", c.Select(t => t.Name))), Is.EqualTo(new[] { "r1", "r2", string.Empty }));
            Assert.That(profile.Exits.Select(e => (e.AfterBlocks, e.Name)), Is.EqualTo(new[] { (1, "exit1"), (2, "exit2"), (3, "exit3") }));
            Assert.That(profile.Exits[0].Operations, Is.GreaterThan(0));
            Assert.That(profile.Exits[2].Operations, Is.Zero);
            Assert.That(built.BlockNodes[0], Is.EqualTo(new[] { "c1_node", "r1_node" }));
            Assert.That(built.ExitNodes[0], Is.EqualTo(new[] { "g1_node", "f1_node", "exit1_node" }));

            // Every node is counted once: blocks and branches add up to the whole model's estimate.
            var total = profile.Blocks.Sum(b => b.Operations) + profile.Exits.Sum(e => e.Operations);
            Assert.That(total, Is.EqualTo(model.Plan.SplitPoints[^1].HeadFlops).Within(1e-9).Percent);
        });
    }

    [Test]
    public void The_exits_order_does_not_matter_and_eight_bit_features_shrink_the_cuts()
    {
        var model = OnnxSplitModel.Create(BranchyModels.ThreeExits());
        var shuffled = OnnxProfileBuilder.Build(model, [Exits[2], Exits[0], Exits[1]], new OnnxProfileOptions { BitsPerElement = 8, Name = "b" }).Profile;

        Assert.That(shuffled.Exits.Select(e => e.Name), Is.EqualTo(new[] { "exit1", "exit2", "exit3" }));
        Assert.That(shuffled.Blocks[0].OutputBits, Is.EqualTo(4 * 64 * 8.0));
        Assert.That(shuffled.Name, Is.EqualTo("b"));
    }

    [Test]
    public void A_profile_from_a_model_is_planned_like_any_other()
    {
        var profile = OnnxProfileBuilder.Build(OnnxSplitModel.Create(BranchyModels.ThreeExits()), Exits).Profile;
        var problem = new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(0.01, 80));
        var fin = new FinPlanner().Plan(problem);
        var optimum = new ExhaustivePlanner().Plan(problem);

        Assert.That(fin.IsFeasible, Is.True, fin.ToString());
        Assert.That(fin.Plan!.Exit.Name, Is.EqualTo("exit3"));
        Assert.That(fin.Plan.EnergyJ, Is.EqualTo(optimum.Plan!.EnergyJ));
    }

    [Test]
    public void Exits_that_are_not_outputs_or_not_on_one_trunk_are_refused_with_what_is_wrong()
    {
        var branchy = OnnxSplitModel.Create(BranchyModels.ThreeExits());
        var notChain = OnnxSplitModel.Create(BranchyModels.NotAChain());
        Assert.Multiple(() =>
        {
            Assert.That(() => OnnxProfileBuilder.Build(branchy, [new OnnxExit("r2", 50)]),
                Throws.ArgumentException.With.Message.Contains("'r2' is not a graph output").And.Message.Contains("exit1, exit2, exit3"));
            Assert.That(() => OnnxProfileBuilder.Build(branchy, [Exits[0], Exits[0]]), Throws.ArgumentException.With.Message.Contains("twice"));
            Assert.That(() => OnnxProfileBuilder.Build(notChain, [new OnnxExit("outA", 50), new OnnxExit("outB", 60), new OnnxExit("outC", 70)]),
                Throws.ArgumentException.With.Message.Contains("do not lie on one trunk"));
        });
    }
}
