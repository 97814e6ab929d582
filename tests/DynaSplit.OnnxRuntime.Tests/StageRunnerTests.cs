using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Topology;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>The ONNX Runtime stage runner: segments, settings, the bounded session cache.</summary>
public sealed class StageRunnerTests
{
    private static OnnxSplitModel _residual = null!;

    [OneTimeSetUp]
    public void Load() => _residual = OnnxSplitModel.Create(new OnnxModel(TestModels.Residual(), "residual"), new OnnxSplitPlannerOptions { Dimensions = { ["N"] = 2 } });

    private static IReadOnlyList<TensorData> Inputs(int seed = 3) => OnnxInputGenerator.Create(_residual.Plan.Inputs, new Dictionary<string, long> { ["N"] = 2 }, seed);

    private static StageRequest Request(int index, string tier, int from, int to, IReadOnlyList<TensorData> inputs, StageSettings? settings = null) =>
        new(new PlacementStage(index, tier, from, to), inputs, settings ?? StageSettings.Default);

    [Test]
    public async Task ThreeStagesInARowComputeWhatTheWholeModelComputesBitForBit()
    {
        using var runner = new OnnxStageRunner(_residual);
        using var whole = new OnnxWholeModelRunner(_residual, new OnnxRuntimeSessionSettings());
        var inputs = Inputs();
        var expected = whole.Run(inputs);

        var first = await runner.RunAsync(Request(0, TierNames.Device, 0, 1, inputs), CancellationToken.None);
        var second = await runner.RunAsync(Request(1, TierNames.Edge, 1, 3, first.Outputs), CancellationToken.None);
        var third = await runner.RunAsync(Request(2, TierNames.Cloud, 3, 5, second.Outputs), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Outputs.Select(t => t.Name), Is.EqualTo(new[] { "x", "a" }));

            // x crosses both cuts of the middle stage: it is handed on as it came in.
            Assert.That(second.Outputs.Select(t => t.Name), Is.EqualTo(new[] { "x", "c" }));
            Assert.That(second.Outputs[0], Is.SameAs(first.Outputs[0]));
            Assert.That(second.Compute, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(OnnxSplitVerifier.BitEqual(expected, third.Outputs), Is.True);
        });
    }

    [Test]
    public void TheLeastRecentlyUsedSessionIsDisposedBeyondTheCapacity()
    {
        using var runner = new OnnxStageRunner(_residual, new OnnxRuntimeOptions { SessionCacheCapacity = 2 });
        var settings = new OnnxRuntimeSessionSettings(IntraOpThreads: 1);
        var inputs = Inputs();
        var head = runner.Run(0, 2, inputs, settings);
        runner.Run(2, 5, head.Outputs, settings);
        Assert.That(runner.CachedSessionCount, Is.EqualTo(2));

        // A third segment evicts the least recently used one, [0..2]: running it again needs a new session, which
        // evicts [2..5] in turn, so the count stays at the capacity.
        var other = runner.Run(0, 1, inputs, settings);
        Assert.That(runner.CachedSessionCount, Is.EqualTo(2));
        runner.Run(1, 5, other.Outputs, settings);
        runner.Run(0, 2, inputs, settings);
        Assert.That(runner.CachedSessionCount, Is.EqualTo(2));
    }

    [Test]
    public void DifferentSettingsOfOneSegmentAreDifferentSessions()
    {
        using var runner = new OnnxStageRunner(_residual, new OnnxRuntimeOptions { SessionCacheCapacity = 8 });
        var inputs = Inputs();
        var one = runner.Run(0, 5, inputs, runner.ResolveSettings(new StageSettings { Threads = 1 }));
        var two = runner.Run(0, 5, inputs, runner.ResolveSettings(new StageSettings { Threads = 2 }));
        runner.Run(0, 5, inputs, runner.ResolveSettings(new StageSettings { Threads = 1, ExecutionProvider = "CPU" }));
        Assert.That(runner.CachedSessionCount, Is.EqualTo(2));
        Assert.That(OnnxSplitVerifier.BitEqual(one.Outputs, two.Outputs), Is.True);
    }

    [Test]
    public void StageSettingsOverrideTheOptionsDefaults()
    {
        using var runner = new OnnxStageRunner(_residual, new OnnxRuntimeOptions { IntraOpThreads = 2 });
        Assert.Multiple(() =>
        {
            Assert.That(runner.ResolveSettings(StageSettings.Default).IntraOpThreads, Is.EqualTo(2));
            Assert.That(runner.ResolveSettings(new StageSettings { Threads = 1 }).IntraOpThreads, Is.EqualTo(1));
            Assert.That(runner.ResolveSettings(new StageSettings { ExecutionProvider = "CUDA" }).ExecutionProvider, Is.EqualTo("CUDAExecutionProvider"));
            Assert.That(() => runner.ResolveSettings(new StageSettings { Threads = -1 }), Throws.ArgumentException.With.Message.Contain("-1"));
        });
    }

    [Test]
    public void AProviderThisBuildLacksFailsWithItsName()
    {
        using var runner = new OnnxStageRunner(_residual);
        var settings = runner.ResolveSettings(new StageSettings { ExecutionProvider = "NoSuch" });
        var ex = Assert.Throws<NotSupportedException>(() => runner.Run(0, 5, Inputs(), settings));
        Assert.That(ex!.Message, Does.Contain("NoSuchExecutionProvider"));
        Assert.That(runner.CachedSessionCount, Is.Zero);
    }

    [Test]
    public void InputsThatDoNotMatchTheFirstCutAreRefusedByName()
    {
        using var runner = new OnnxStageRunner(_residual);
        var settings = new OnnxRuntimeSessionSettings();
        var cut1 = runner.Run(0, 1, Inputs(), settings).Outputs;
        Assert.Multiple(() =>
        {
            Assert.That(() => runner.Run(1, 3, [cut1[1]], settings), Throws.ArgumentException.With.Message.Contain("'x'").And.Message.Contain("cut 1"));
            Assert.That(() => runner.Run(1, 3, [.. cut1, TensorData.FromFloats("extra", [1], [0f])], settings), Throws.ArgumentException.With.Message.Contain("'extra'"));
            Assert.That(() => runner.Run(1, 3, [cut1[0], cut1[0], cut1[1]], settings), Throws.ArgumentException.With.Message.Contain("twice"));
            Assert.That(() => runner.Run(2, 1, cut1, settings), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("[2..1]"));
            Assert.That(() => runner.Run(0, 9, Inputs(), settings), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("0 to 5"));
        });
    }

    [Test]
    public void AnEmptyStagePassesItsInputsThroughWithoutASession()
    {
        using var runner = new OnnxStageRunner(_residual);
        var cut2 = runner.Run(0, 2, Inputs(), new OnnxRuntimeSessionSettings()).Outputs;
        var passed = runner.Run(2, 2, cut2, new OnnxRuntimeSessionSettings());
        Assert.That(passed.Outputs, Is.EqualTo(cut2));
        Assert.That(passed.Compute, Is.EqualTo(TimeSpan.Zero));
        Assert.That(runner.CachedSessionCount, Is.EqualTo(1));
    }

    [Test]
    public void ACancelledStageThrowsOperationCanceled()
    {
        using var runner = new OnnxStageRunner(_residual);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await runner.RunAsync(Request(0, TierNames.Edge, 0, 5, Inputs()), cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ReleasedAndDisposedRunnersHoldNoSession()
    {
        var runner = new OnnxStageRunner(_residual, new OnnxRuntimeOptions { SessionCacheCapacity = 4 });
        var settings = new OnnxRuntimeSessionSettings();
        runner.Warm(0, 3, settings);
        runner.Warm(3, 5, settings);
        runner.Warm(1, 2, settings);
        runner.Release(3);
        Assert.That(runner.CachedSessionCount, Is.EqualTo(1));
        runner.Dispose();
        Assert.That(runner.CachedSessionCount, Is.Zero);
        Assert.That(async () => await runner.RunAsync(Request(0, TierNames.Edge, 0, 5, Inputs()), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
        await Task.CompletedTask;
    }
}
