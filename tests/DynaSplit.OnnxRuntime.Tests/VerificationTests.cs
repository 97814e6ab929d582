using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>Head then tail computes what the whole model computes, at every split point.</summary>
public sealed class VerificationTests
{
    [Test]
    public void EverySplitPointOfSqueezeNetMatchesTheWholeModel()
    {
        var model = OnnxSplitModel.Load(TestModels.SqueezeNet);
        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions { Seed = 1 });
        Assert.That(report.SplitPoints, Has.Count.EqualTo(model.Plan.SplitPoints.Count));
        Assert.That(report.SplitPoints.Where(p => !p.Ok), Is.Empty);
        Assert.That(report.Ok, Is.True);
    }

    [Test]
    public void EverySplitPointOfPpOcrMatchesTheWholeModelAtA32PixelInput()
    {
        var dims = new Dictionary<string, long> { ["p2o.DynamicDimension.1"] = 32, ["p2o.DynamicDimension.2"] = 32 };
        var model = OnnxSplitModel.Load(TestModels.PpOcr, new OnnxSplitPlannerOptions { Dimensions = dims });

        // Basic optimizations keep the 2 x 331 session creations fast; the split must match whatever the level.
        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions
        {
            Dimensions = dims,
            Settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1, OptimizationLevel: GraphOptimizationLevel.ORT_ENABLE_BASIC),
        });
        Assert.That(report.SplitPoints, Has.Count.EqualTo(model.Plan.SplitPoints.Count));
        Assert.That(report.SplitPoints.Where(p => !p.Ok), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    public void AMultiInputModelWithIntegerInputsMatchesAtEverySplitPoint(int seed)
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.MultiInput(), "multi"));
        Assert.That(model.Plan.Inputs.Select(i => i.ElementType), Is.EqualTo(new[] { global::DynaSplit.Planning.TensorElementType.Int64, global::DynaSplit.Planning.TensorElementType.Int32, global::DynaSplit.Planning.TensorElementType.Float }));
        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions { Seed = seed, Dimensions = { ["N"] = 3 } });
        Assert.That(report.SplitPoints, Has.Count.EqualTo(8));
        Assert.That(report.Ok, Is.True);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void AModelWithAnIfNodeMatchesAtEverySplitPoint(int seed)
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.WithIf(), "if"));
        var report = OnnxSplitVerifier.Verify(model, new OnnxVerificationOptions { Seed = seed, Dimensions = { ["N"] = 2 } });
        Assert.That(report.SplitPoints, Has.Count.EqualTo(5));
        Assert.That(report.Ok, Is.True);
    }

    [Test]
    public void ThePartsOfAnIfModelKeepTheInitializerTheBranchReadsFromOutside()
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.WithIf(), "if"));
        var parts = model.Split(2);
        Assert.That(parts.Head!.Proto.Graph.Initializer, Is.Empty);
        Assert.That(parts.Tail!.Proto.Graph.Initializer.Select(i => i.Name), Is.EqualTo(new[] { "two" }));
        Assert.That(parts.Tail.Proto.Graph.Input.Select(i => i.Name), Is.EquivalentTo(new[] { "cond", "a", "b" }));
    }

    [Test]
    public void CompareFlagsAnElementOutsideTolerance()
    {
        var whole = new[] { DynaSplit.Execution.TensorData.FromFloats("y", [3], [1f, 100f, 0f]) };
        var close = new[] { DynaSplit.Execution.TensorData.FromFloats("y", [3], [1f, 100.005f, 0f]) };
        var far = new[] { DynaSplit.Execution.TensorData.FromFloats("y", [3], [1f, 100f, 1e-3f]) };
        var closeResult = OnnxSplitVerifier.Compare(0, whole, close, 1e-5, 1e-4);
        var farResult = OnnxSplitVerifier.Compare(0, whole, far, 1e-5, 1e-4);
        Assert.Multiple(() =>
        {
            Assert.That(closeResult.Ok, Is.True);
            Assert.That(closeResult.MaxAbsDiff, Is.EqualTo(0.005).Within(1e-4));
            Assert.That(closeResult.MaxRelDiff, Is.EqualTo(5e-5).Within(1e-6));
            Assert.That(farResult.Ok, Is.False);
            Assert.That(farResult.MaxAbsDiff, Is.EqualTo(1e-3).Within(1e-7));
        });
    }
}
