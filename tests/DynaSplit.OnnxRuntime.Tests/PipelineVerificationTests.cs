using System.Diagnostics;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>Three stages (device, edge, cloud) through Core's pipeline executor compute what the whole model computes.</summary>
public sealed class PipelineVerificationTests
{
    [Test]
    public async Task EveryPairOfCutsOfSqueezeNetIsBitEqualToTheWholeModel()
    {
        var model = OnnxSplitModel.Load(TestModels.SqueezeNet);
        var pairs = CutPair.All(model.Plan.EdgeOnlyIndex);
        var stopwatch = Stopwatch.StartNew();
        var report = await OnnxSplitVerifier.VerifyPipelinesAsync(model, pairs, new OnnxVerificationOptions
        {
            Seed = 1,

            // Keeps every cloud stage's session, so each of the model's segments is created once.
            SessionCacheCapacity = model.Plan.SplitPoints.Count + 3,
            Settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1),
        });
        TestContext.Out.WriteLine($"{pairs.Count} pairs of cuts of SqueezeNet verified in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.That(pairs, Has.Count.EqualTo(66 * 67 / 2));
        Assert.That(report.Pairs, Has.Count.EqualTo(pairs.Count));
        Assert.That(report.Pairs.Where(p => !p.BitEqual).Select(p => p.Cuts), Is.Empty);
        Assert.That(report.Pairs.Max(p => p.MaxAbsDiff), Is.Zero);
    }

    [Test]
    public async Task ASeededSampleOfPairsOfCutsOfPpOcrIsBitEqualToTheWholeModel()
    {
        var dims = new Dictionary<string, long> { ["p2o.DynamicDimension.1"] = 64, ["p2o.DynamicDimension.2"] = 64 };
        var model = OnnxSplitModel.Load(TestModels.PpOcr, new OnnxSplitPlannerOptions { Dimensions = dims });
        var pairs = CutPair.Sample(model.Plan.EdgeOnlyIndex, 100, seed: 7);
        var stopwatch = Stopwatch.StartNew();
        var report = await OnnxSplitVerifier.VerifyPipelinesAsync(model, pairs, new OnnxVerificationOptions
        {
            Dimensions = dims,
            SessionCacheCapacity = 8,

            // Basic optimizations keep the session creations fast; the stages must match whatever the level.
            Settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1, OptimizationLevel: GraphOptimizationLevel.ORT_ENABLE_BASIC),
        });
        TestContext.Out.WriteLine($"{pairs.Count} pairs of cuts of PP-OCR verified in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.That(report.Pairs, Has.Count.EqualTo(100));
        Assert.That(report.Pairs.Select(p => p.Cuts).Distinct().Count(), Is.EqualTo(100));
        Assert.That(report.Pairs.Where(p => !p.BitEqual).Select(p => p.Cuts), Is.Empty);
    }

    [Test]
    public void ASeededSampleIsReproducibleDistinctAndOrdered()
    {
        var a = CutPair.Sample(331, 100, seed: 7);
        var b = CutPair.Sample(331, 100, seed: 7);
        var c = CutPair.Sample(331, 100, seed: 8);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Is.Not.EqualTo(c));
            Assert.That(a.Distinct().Count(), Is.EqualTo(100));
            Assert.That(a.All(p => p.First <= p.Second && p.Second <= 331), Is.True);
            Assert.That(a, Is.Ordered.By(nameof(CutPair.First)));
            Assert.That(CutPair.Sample(3, 100, seed: 1), Is.EqualTo(CutPair.All(3)));
            Assert.That(CutPair.All(3), Has.Count.EqualTo(10));
        });
    }

    [Test]
    public void APairIsParsedAndABackwardPairIsRefused()
    {
        Assert.That(CutPair.Parse("3, 18"), Is.EqualTo(new CutPair(3, 18)));
        Assert.That(() => CutPair.Parse("18,3"), Throws.InstanceOf<FormatException>().With.Message.Contain("18").And.Message.Contain("3,18"));
        Assert.That(() => CutPair.Parse("3"), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void APairOutsideTheModelIsRefusedBeforeAnythingRuns()
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.Residual(), "residual"));
        Assert.That(async () => await OnnxSplitVerifier.VerifyPipelinesAsync(model, [new CutPair(2, 6)], new OnnxVerificationOptions()),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("2,6").And.Message.Contain("0 to 5"));
    }

    [Test]
    public async Task AModelWithIntegerInputsAndTwoOutputsMatchesAtEveryPairOfCuts()
    {
        var model = OnnxSplitModel.Create(new OnnxModel(TestModels.MultiInput(), "multi"));
        var report = await OnnxSplitVerifier.VerifyPipelinesAsync(model, CutPair.All(model.Plan.EdgeOnlyIndex), new OnnxVerificationOptions { Seed = 2, Dimensions = { ["N"] = 3 } });
        Assert.That(report.Pairs, Has.Count.EqualTo(36));
        Assert.That(report.BitEqual, Is.True);
    }
}
