using System.Diagnostics;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Profiling;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using static DynaSplit.OnnxRuntime.Tests.TestModels;
using static DynaSplit.Tests.OnnxGraph;
using DynaSplit.Tests;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>
/// Planning an untrusted model is bounded in time and memory, sizes are computed with checked arithmetic, and
/// options that would crash or mislead are refused (issue 15, items 3, 4, 5, 8 and 12).
/// </summary>
public sealed class UntrustedModelLimitTests
{
    [Test]
    [CancelAfter(60_000)]
    public void ALoopOfATrillionIterationsIsStoppedByTheProbeTimeout()
    {
        var body = new GraphProto { Name = "body" };
        body.Input.Add(Value("i", OnnxGraph.Int64));
        body.Input.Add(Value("c", Bool));
        body.Input.Add(Value("v", Float, 1));
        body.Node.Add(Node("Identity", ["c"], ["c_out"]));
        body.Node.Add(Node("Neg", ["v"], ["v_out"]));
        body.Output.Add(Value("c_out", Bool));
        body.Output.Add(Value("v_out", Float, 1));

        var graph = new GraphProto { Name = "forever" };
        graph.Input.Add(Value("x", Float, 1));
        var trips = new TensorProto { Name = "trips", DataType = OnnxGraph.Int64 };
        trips.Int64Data.Add(1_000_000_000_000);
        var condition = new TensorProto { Name = "go", DataType = Bool };
        condition.Int32Data.Add(1);
        graph.Initializer.Add(trips);
        graph.Initializer.Add(condition);
        graph.Node.Add(Node("Loop", ["trips", "go", "x"], ["y"], OnnxGraph.Graph("body", body)));
        graph.Output.Add(Value("y", Float, 1));
        var model = new OnnxModel(Model(graph), "forever.onnx");

        var clock = Stopwatch.StartNew();
        var split = OnnxSplitModel.Create(model, new OnnxSplitPlannerOptions { ProbeTimeout = TimeSpan.FromSeconds(1) });
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(split.ProbeFailure, Does.Contain("ProbeTimeout"));
        Assert.That(split.Plan.SplitPoints, Has.Count.EqualTo(2));

        // Verifying would run it again: refused, naming the reason.
        var ex = Assert.Throws<InvalidDataException>(() => OnnxSplitVerifier.Verify(split, new OnnxVerificationOptions()));
        Assert.That(ex!.Message, Does.Contain("ProbeTimeout").And.Contain("--dim"));
    }

    [Test]
    public void AnInputOfTwoGigabytesIsNotAllocatedByTheProbe()
    {
        var graph = new GraphProto { Name = "wide" };
        graph.Input.Add(Value("x", Float, 1, 500_000_000));
        graph.Node.Add(Node("Relu", ["x"], ["y"]));
        graph.Output.Add(Value("y", Float, 1, 500_000_000));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var split = OnnxSplitModel.Create(new OnnxModel(Model(graph), "wide.onnx"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(split.ProbeFailure, Does.Contain("ProbeMaxInputBytes"));
        Assert.That(allocated, Is.LessThan(64L << 20), "the 2 GB input was allocated");
        Assert.That(split.Plan.SplitPoints[0].Tensors[0].BytesPerSample, Is.EqualTo(2_000_000_000L));
    }

    [Test]
    public void AModelThatFailedTheProbeIsNotRunAgainByVerifyOrProfile()
    {
        // A 3x3 convolution without padding cannot take a 1x1 image (some kernels crash on such shapes).
        var graph = new GraphProto { Name = "conv" };
        graph.Input.Add(Value("x", Float, 1, 1, "H", "W"));
        graph.Initializer.Add(Weights("w", [1, 1, 3, 3], 1));
        graph.Node.Add(Node("Conv", ["x", "w"], ["y"]));
        graph.Output.Add(Value("y", Float, 1, 1, "h", "w"));
        var split = OnnxSplitModel.Create(new OnnxModel(Model(graph), "conv.onnx"));
        Assert.That(split.ProbeFailure, Is.Not.Null);

        var verify = Assert.Throws<InvalidDataException>(() => OnnxSplitVerifier.Verify(split, new OnnxVerificationOptions()));
        Assert.That(verify!.Message, Does.Contain("could not be run").And.Contain("default input sizes"));
        var profile = Assert.Throws<InvalidDataException>(() => OnnxSplitProfiler.Profile(split, new OnnxProfilerOptions()));
        Assert.That(profile!.Message, Does.Contain("could not be run"));

        // At sizes the model accepts it runs.
        var fine = OnnxSplitModel.Create(new OnnxModel(Model(graph), "conv.onnx"), new OnnxSplitPlannerOptions { Dimensions = { ["H"] = 5, ["W"] = 5 } });
        Assert.That(fine.ProbeFailure, Is.Null);
        Assert.That(OnnxSplitVerifier.Verify(fine, new OnnxVerificationOptions { Dimensions = { ["H"] = 5, ["W"] = 5 } }).Ok, Is.True);
    }

    [Test]
    public void HugeDimensionsGiveAClearErrorInsteadOfAnOverflow()
    {
        var inputs = new[] { new TensorInfo("x", TensorElementType.Float, [-1, 3, 224, 224], ["N", null, null, null]) };
        var ex = Assert.Throws<ArgumentException>(() => OnnxInputGenerator.Create(inputs, new Dictionary<string, long> { ["N"] = 100_000 }, seed: 0));
        Assert.That(ex!.Message, Does.Contain("'x'").And.Contain("--dim"));
        var overflow = Assert.Throws<ArgumentException>(() => OnnxInputGenerator.Create(inputs, new Dictionary<string, long> { ["N"] = long.MaxValue / 2 }, seed: 0));
        Assert.That(overflow!.Message, Does.Contain("2^63"));
    }

    [Test]
    public void DeclaredDimensionsWhoseProductOverflowsAreReported()
    {
        var graph = new GraphProto { Name = "big" };
        graph.Input.Add(Value("x", Float, 2_147_483_647, 2_147_483_647, 2_147_483_647));
        graph.Node.Add(Node("Relu", ["x"], ["y"]));
        graph.Output.Add(Value("y", Float, 2_147_483_647, 2_147_483_647, 2_147_483_647));
        var ex = Assert.Throws<InvalidDataException>(() => OnnxSplitModel.Create(new OnnxModel(Model(graph), "big.onnx")));
        Assert.That(ex!.Message, Does.Contain("[2147483647,2147483647,2147483647]").And.Contain("2^63"));
    }

    [Test]
    public void ASplitPointTableBeyondTheLimitIsRefusedBeforeItIsBuilt()
    {
        // Every value of a 60-node chain is also a graph output, so it stays alive to the end: 60*61/2 cut entries, plus the input at the first.
        var graph = new GraphProto { Name = "alive" };
        graph.Input.Add(Value("x", Float, 1));
        var previous = "x";
        for (var i = 0; i < 60; i++)
        {
            graph.Node.Add(Node("Neg", [previous], [$"v{i}"]));
            graph.Output.Add(Value($"v{i}", Float, 1));
            previous = $"v{i}";
        }

        var model = new OnnxModel(Model(graph), "alive.onnx");
        var ex = Assert.Throws<InvalidDataException>(() => OnnxSplitModel.Create(model, new OnnxSplitPlannerOptions { ProbeShapes = false, MaxCutTensors = 1000 }));
        Assert.That(ex!.Message, Does.Contain("1,831").And.Contain("MaxCutTensors"));
        Assert.That(OnnxSplitModel.Create(model, new OnnxSplitPlannerOptions { ProbeShapes = false, MaxCutTensors = 1831 }).Plan.SplitPoints, Has.Count.EqualTo(61));
    }

    [TestCase(double.NaN, 1e-4)]
    [TestCase(1e-5, double.NaN)]
    [TestCase(-1e-5, 1e-4)]
    [TestCase(1e-5, -1)]
    [TestCase(double.PositiveInfinity, 1e-4)]
    public void ToleranceThatIsNaNNegativeOrInfiniteIsRefused(double atol, double rtol)
    {
        var split = OnnxSplitModel.Create(new OnnxModel(Chain(2), "chain.onnx"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSplitVerifier.Verify(split, new OnnxVerificationOptions { AbsoluteTolerance = atol, RelativeTolerance = rtol }));
        Assert.That(ex!.Message, Does.Contain("must be a finite number of zero or more"));
    }

    [Test]
    public void ThreadCountsBeyondTheHostAreRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxRuntimeSessionSettings(IntraOpThreads: 100_000).CreateSessionOptions());
        Assert.That(ex!.Message, Does.Contain("100000").And.Contain(OnnxRuntimeSessionSettings.MaxThreads.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxRuntimeSessionSettings(InterOpThreads: -1).CreateSessionOptions());
    }

    [Test]
    public void PlannerLimitsMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSplitModel.Create(new OnnxModel(Chain(2), "c"), new OnnxSplitPlannerOptions { ProbeTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSplitModel.Create(new OnnxModel(Chain(2), "c"), new OnnxSplitPlannerOptions { ProbeMaxInputBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSplitModel.Create(new OnnxModel(Chain(2), "c"), new OnnxSplitPlannerOptions { MaxCutTensors = -1 }));
    }
}
