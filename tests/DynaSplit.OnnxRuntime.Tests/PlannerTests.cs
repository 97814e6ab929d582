using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;
using DynaSplit.Tests;

namespace DynaSplit.OnnxRuntime.Tests;

public sealed class PlannerTests
{
    private static OnnxSplitModel Plan(Onnx.ModelProto proto, Dictionary<string, long>? dims = null) =>
        OnnxSplitModel.Create(new OnnxModel(proto, "test"), new OnnxSplitPlannerOptions { Dimensions = dims ?? [] });

    [Test]
    public void AChainHasOneSplitPointPerLayerBoundaryAllSingleTensor()
    {
        var plan = Plan(TestModels.Chain(6)).Plan;
        Assert.That(plan.SplitPoints.Select(p => p.Index), Is.EqualTo(Enumerable.Range(0, 7)));
        Assert.That(plan.SplitPoints.All(p => p.IsSingleTensor), Is.True);
        Assert.That(plan.SplitPoints.Select(p => p.Tensors[0].Name), Is.EqualTo(new[] { "x", "h0", "h1", "h2", "h3", "h4", "y" }));
        Assert.That(plan.EdgeOnlyIndex, Is.EqualTo(6));
    }

    [Test]
    public void ShapesElementTypesAndBytesPerSampleComeFromTheProbe()
    {
        var point = Plan(TestModels.Chain(4)).Plan.SplitPoints[2];
        Assert.Multiple(() =>
        {
            Assert.That(point.Tensors[0].ElementType, Is.EqualTo(TensorElementType.Float));
            Assert.That(point.Tensors[0].Shape, Is.EqualTo(new long[] { 1, 8 }));
            Assert.That(point.BytesPerSample, Is.EqualTo(8 * 4));
        });
    }

    [Test]
    public void WorkAndParametersAreSharedBetweenHeadAndTail()
    {
        var plan = Plan(TestModels.Chain(4)).Plan;
        var total = plan.SplitPoints[0].TailFlops;
        Assert.Multiple(() =>
        {
            // Two MatMuls [1,8]x[8,8] (2*8*8 each) and two Relus (8 each) per sample.
            Assert.That(total, Is.EqualTo((2 * 2 * 8 * 8) + (2 * 8)));
            Assert.That(plan.SplitPoints[1].HeadFlops, Is.EqualTo(2 * 8 * 8));
            Assert.That(plan.SplitPoints.All(p => Math.Abs(p.HeadFlops + p.TailFlops - total) < 1e-9), Is.True);
            Assert.That(plan.SplitPoints[0].HeadParameterBytes, Is.EqualTo(0));
            Assert.That(plan.SplitPoints[0].TailParameterBytes, Is.EqualTo(2 * 8 * 8 * 4));
            Assert.That(plan.SplitPoints[2].HeadParameterBytes, Is.EqualTo(8 * 8 * 4));
            Assert.That(plan.SplitPoints[2].TailParameterBytes, Is.EqualTo(8 * 8 * 4));
            Assert.That(plan.SplitPoints[4].HeadWorkShare, Is.EqualTo(1));
        });
    }

    [Test]
    public void AResidualBlockHasNoSingleTensorSplitPointInside()
    {
        var plan = Plan(TestModels.Residual()).Plan;
        Assert.That(plan.SplitPoints, Has.Count.EqualTo(6));
        Assert.That(plan.SplitPoints.Select(p => p.IsSingleTensor), Is.EqualTo(new[] { true, false, false, false, true, true }));
        Assert.That(plan.SplitPoints[2].Tensors.Select(t => t.Name), Is.EqualTo(new[] { "x", "b" }));
        Assert.That(plan.SplitPoints[2].BytesPerSample, Is.EqualTo(2 * 4 * 8 * 8 * 4));
    }

    [Test]
    public void FileOrderThatIsNotTopologicalIsReordered()
    {
        var reversed = Plan(TestModels.Chain(6, shuffle: true)).Plan;
        var ordered = Plan(TestModels.Chain(6)).Plan;
        Assert.That(reversed.SplitPoints.Select(p => p.Tensors.Single().Name), Is.EqualTo(ordered.SplitPoints.Select(p => p.Tensors.Single().Name)));
    }

    [Test]
    public void NamesAnIfBranchReadsFromTheOuterScopeCountAsConsumption()
    {
        var plan = Plan(TestModels.WithIf()).Plan;

        // Order: Relu (a), Neg (b), If (z), Add (y). Between Neg and If the cut holds cond (a graph input the
        // tail needs), a (read only inside the If's branches) and b.
        Assert.That(plan.SplitPoints, Has.Count.EqualTo(5));
        Assert.That(plan.SplitPoints[2].Tensors.Select(t => t.Name), Is.EquivalentTo(new[] { "cond", "a", "b" }));
        Assert.That(plan.SplitPoints[3].Tensors.Select(t => t.Name), Is.EquivalentTo(new[] { "b", "z" }));
    }

    [Test]
    public void ConstantNodesAreNotSplitPointsAndGoWithTheirUsers()
    {
        var model = TestModels.Chain(2);
        var constant = new Onnx.NodeProto { OpType = "Constant", Name = "c" };
        constant.Output.Add("c_out");
        constant.Attribute.Add(new Onnx.AttributeProto { Name = "value", Type = Onnx.AttributeProto.Types.AttributeType.Tensor, T = OnnxGraph.Weights("cv", [8], 5) });
        model.Graph.Node.Insert(0, constant);
        model.Graph.Node.Add(OnnxGraph.Node("Add", ["y", "c_out"], ["z"]));
        model.Graph.Output[0] = OnnxGraph.Value("z", OnnxGraph.Float, "N", 8);

        var split = Plan(model);
        Assert.That(split.Plan.SplitPoints, Has.Count.EqualTo(4));
        Assert.That(split.Plan.SplitPoints.SelectMany(p => p.Tensors).Select(t => t.Name), Does.Not.Contain("c_out"));
        var parts = split.Split(3);
        Assert.That(parts.Head!.Proto.Graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Constant", "MatMul", "Relu", "Add" }));
        Assert.That(parts.Tail, Is.Null);
        Assert.That(split.Split(2).Tail!.Proto.Graph.Node.Select(n => n.OpType), Is.EqualTo(new[] { "Constant", "Add" }));
    }

    [Test]
    public async Task ThePlannerImplementsTheCoreAbstraction()
    {
        ISplitPlanner planner = new OnnxSplitPlanner();
        var plan = await planner.PlanAsync(TestModels.SqueezeNet, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Inputs.Single().Name, Is.EqualTo("input"));
            Assert.That(plan.Inputs.Single().DimensionNames![0], Is.EqualTo("N"));
            Assert.That(plan.Outputs.Single().Name, Is.EqualTo("logits"));
            Assert.That(plan.SplitPoints[0].Tensors.Single().Name, Is.EqualTo("input"));
            Assert.That(plan.SplitPoints[0].BytesPerSample, Is.EqualTo(3 * 224 * 224 * 4));
            Assert.That(plan.SplitPoints[^1].Tensors.Single().Name, Is.EqualTo("logits"));
            Assert.That(plan.SplitPoints.Count(p => p.IsSingleTensor), Is.GreaterThan(10));
            Assert.That(plan.SplitPoints.Count(p => !p.IsSingleTensor), Is.GreaterThan(10));
        });
    }

    [Test]
    public void PpOcrHasMultiTensorCutsThroughItsFpn()
    {
        var plan = OnnxSplitModel.Load(TestModels.PpOcr, new OnnxSplitPlannerOptions
        {
            Dimensions = { ["p2o.DynamicDimension.1"] = 64, ["p2o.DynamicDimension.2"] = 64 },
        }).Plan;
        Assert.That(plan.SplitPoints.Count, Is.GreaterThan(300));
        Assert.That(plan.SplitPoints.Count(p => p.Tensors.Count > 1), Is.GreaterThan(plan.SplitPoints.Count / 2));
        Assert.That(plan.SplitPoints.All(p => p.BytesPerSample is > 0), Is.True);
    }

    [Test]
    public void ADimensionNameTheModelDoesNotHaveIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plan(TestModels.Chain(2), new Dictionary<string, long> { ["height"] = 3 }));
        Assert.That(ex!.Message, Does.Contain("'height'").And.Contain("N"));
    }

    [Test]
    public void ACycleIsReported()
    {
        var model = TestModels.Chain(2);
        model.Graph.Node[0].Input[0] = "y";
        var ex = Assert.Throws<InvalidDataException>(() => Plan(model));
        Assert.That(ex!.Message, Does.Contain("cycle"));
    }

    [Test]
    public void AnUndefinedInputIsReported()
    {
        var model = TestModels.Chain(2);
        model.Graph.Node[1].Input[0] = "ghost";
        var ex = Assert.Throws<InvalidDataException>(() => Plan(model));
        Assert.That(ex!.Message, Does.Contain("'ghost'"));
    }

    [Test]
    public void AnOutOfRangeIndexIsRejectedWithTheRange()
    {
        var split = Plan(TestModels.Chain(4));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => split.Split(5));
        Assert.That(ex!.Message, Does.Contain("0").And.Contain("4"));
        Assert.Throws<ArgumentOutOfRangeException>(() => split.Split(-1));
    }
}
