using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>The segment between two cuts: its model, what it reads, computes and passes through.</summary>
public sealed class SegmentTests
{
    [Test]
    public void ATensorThatCrossesBothCutsPassesThroughTheSegment()
    {
        // Order: Conv(a) Relu(b) Conv(c) Add(c, x -> d) Relu(y); x crosses cuts 0..3.
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.Residual(), "residual"));
        var segment = model.Segment(1, 3);
        Assert.Multiple(() =>
        {
            Assert.That(segment.CutInputs, Is.EqualTo(new[] { "x", "a" }));
            Assert.That(segment.Inputs, Is.EqualTo(new[] { "a" }));
            Assert.That(segment.Outputs, Is.EqualTo(new[] { "c" }));
            Assert.That(segment.CutOutputs, Is.EqualTo(new[] { "x", "c" }));
            Assert.That(segment.PassThrough, Is.EqualTo(new[] { "x" }));
            Assert.That(segment.Model!.Proto.Graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Relu", "Conv" }));
            Assert.That(segment.Model.Proto.Graph.Initializer.Select(i => i.Name), Is.EqualTo(new[] { "w2" }));
            Assert.That(segment.Model.Proto.Graph.Input.Select(i => i.Name), Is.EqualTo(new[] { "a" }));
            Assert.That(segment.Model.Proto.Graph.Output.Select(i => i.Name), Is.EqualTo(new[] { "c" }));
        });
    }

    [Test]
    public void TheSegmentThatEndsAtTheLastCutHandsOnTheModelsOutputsInTheirOrder()
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.MultiInput(), "multi"));
        var last = model.Plan.EdgeOnlyIndex;
        var segment = model.Segment(last - 1, last);
        Assert.That(segment.CutOutputs, Is.EqualTo(new[] { "features", "best" }));
        Assert.That(segment.Outputs, Is.EqualTo(new[] { "best" }));
        Assert.That(segment.PassThrough, Is.EqualTo(new[] { "features" }));
    }

    [Test]
    public void AnEmptySegmentPassesItsCutThrough()
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.Residual(), "residual"));
        var segment = model.Segment(2, 2);
        Assert.That(segment.IsEmpty, Is.True);
        Assert.That(segment.CutOutputs, Is.EqualTo(segment.CutInputs));
        Assert.That(segment.CutInputs, Is.EqualTo(new[] { "x", "b" }));
    }

    [TestCase(-1, 2)]
    [TestCase(3, 2)]
    [TestCase(0, 6)]
    public void ARangeThatIsNotOneOfTheModelsIsRefused(int from, int to)
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.Residual(), "residual"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.Segment(from, to));
        Assert.That(ex!.Message, Does.Contain($"[{from}..{to}]").And.Contain("0 to 5"));
    }

    [Test]
    public void TheHeadAndTailOfASplitAreTheSegmentsOnEitherSideOfIt()
    {
        var model = OnnxSplitModel.Load(TestModels.SqueezeNet);
        var last = model.Plan.EdgeOnlyIndex;
        foreach (var p in new[] { 1, 8, 33, last - 1 })
        {
            var parts = model.Split(p);
            var head = model.Segment(0, p);
            var tail = model.Segment(p, last);
            Assert.Multiple(() =>
            {
                Assert.That(head.Inputs, Is.EqualTo(parts.HeadInputs), $"head inputs at {p}");
                Assert.That(head.Outputs, Is.EqualTo(parts.HeadOutputs), $"head outputs at {p}");
                Assert.That(tail.Inputs, Is.EqualTo(parts.TailInputs), $"tail inputs at {p}");
                Assert.That(tail.Outputs, Is.EqualTo(parts.TailOutputs), $"tail outputs at {p}");
                Assert.That(head.Model!.Proto.Graph.Node, Is.EqualTo(parts.Head!.Proto.Graph.Node), $"head nodes at {p}");
                Assert.That(tail.Model!.Proto.Graph.Initializer, Is.EqualTo(parts.Tail!.Proto.Graph.Initializer), $"tail initializers at {p}");
            });
        }
    }
}
