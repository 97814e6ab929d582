using DynaSplit.DependencyInjection;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Profiling;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using DynaSplit.Spaces;
using DynaSplit.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.OnnxRuntime.Tests;

public sealed class ExecutorTests
{
    private static OnnxSplitModel _squeezeNet = null!;

    [OneTimeSetUp]
    public void LoadSqueezeNet() => _squeezeNet = OnnxSplitModel.Load(TestModels.SqueezeNet);

    [Test]
    public async Task TheExecutorReportsStagesAndTheBytesCrossingTheCut()
    {
        using var executor = new OnnxSplitExecutor(_squeezeNet);
        var inputs = OnnxInputGenerator.Create(_squeezeNet.Plan.Inputs, null, seed: 4);

        // Split 3 is after the first MaxPool: [1,64,55,55] floats cross.
        var result = await executor.RunAsync(new SplitExecutionRequest(3, inputs), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.TransferredBytes, Is.EqualTo(64 * 55 * 55 * 4));
            Assert.That(result.Timings.Head, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(result.Timings.Tail, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(result.Outputs.Single().Name, Is.EqualTo("logits"));
            Assert.That(result.Outputs.Single().Shape, Is.EqualTo(new long[] { 1, 1000 }));
        });

        var edgeOnly = await executor.RunAsync(new SplitExecutionRequest(_squeezeNet.Plan.EdgeOnlyIndex, inputs), CancellationToken.None);
        Assert.That(edgeOnly.Timings.Tail, Is.EqualTo(TimeSpan.Zero));
        Assert.That(edgeOnly.TransferredBytes, Is.EqualTo(1000 * 4));
        Assert.That(edgeOnly.Outputs[0].AsFloats().ToArray(), Is.EqualTo(result.Outputs[0].AsFloats().ToArray()).Within(1e-4));
    }

    [Test]
    public void ASerializedHandoffGivesTheSameOutputsAsTheInProcessOne()
    {
        var inputs = OnnxInputGenerator.Create(_squeezeNet.Plan.Inputs, new Dictionary<string, long> { ["N"] = 2 }, seed: 5);
        using var direct = new OnnxSplitExecutor(_squeezeNet);
        using var serialized = new OnnxSplitExecutor(_squeezeNet, new OnnxRuntimeOptions { SerializeHandoff = true });
        var settings = new OnnxRuntimeSessionSettings();
        var a = direct.Run(8, inputs, settings);
        var b = serialized.Run(8, inputs, settings);
        Assert.That(b.Outputs[0].AsFloats().ToArray(), Is.EqualTo(a.Outputs[0].AsFloats().ToArray()));
        Assert.That(b.TransferredBytes, Is.EqualTo(a.TransferredBytes));
        Assert.That(a.TransferredBytes, Is.EqualTo(2 * _squeezeNet.Plan.SplitPoints[8].BytesPerSample));
    }

    [Test]
    public void WrongInputsAreRejectedByName()
    {
        using var executor = new OnnxSplitExecutor(_squeezeNet);
        var wrongName = new[] { TensorData.FromFloats("image", [1, 3, 224, 224], new float[3 * 224 * 224]) };
        var ex = Assert.Throws<ArgumentException>(() => executor.Run(1, wrongName, new OnnxRuntimeSessionSettings()));
        Assert.That(ex!.Message, Does.Contain("'input'"));
        var outOfRange = Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await executor.RunAsync(new SplitExecutionRequest(999, []), CancellationToken.None));
        Assert.That(outOfRange!.Message, Does.Contain("999").And.Contain("65"));
    }

    [Test]
    public void EachTiersThreadAndProviderParametersChooseItsStagesSessionSettings()
    {
        using var executor = new OnnxSplitExecutor(_squeezeNet, new OnnxRuntimeOptions { IntraOpThreads = 2 });
        var space = new ConfigurationSpace([
            new IntegerParameter("layer", 0, 65, 1, ParameterRole.SplitPoint),
            OnnxRuntimeParameters.Threads(TierNames.Edge, maxThreads: 4),
            OnnxRuntimeParameters.ExecutionProvider(TierNames.Edge, ["CPU"]),
        ]);
        var configuration = space.Create(new Dictionary<string, string> { ["layer"] = "3", ["edge:ort-threads"] = "1", ["edge:ort-provider"] = "CPU" });
        Assert.Multiple(() =>
        {
            Assert.That(executor.ResolveSettings(configuration, TierNames.Edge).IntraOpThreads, Is.EqualTo(1));
            Assert.That(executor.ResolveSettings(configuration, TierNames.Edge).ExecutionProvider, Is.EqualTo(OnnxRuntimeSessionSettings.CpuProvider));

            // The cloud tier has no parameter of its own: the options' default.
            Assert.That(executor.ResolveSettings(configuration, TierNames.Cloud).IntraOpThreads, Is.EqualTo(2));
            Assert.That(executor.ResolveSettings(null, TierNames.Edge).IntraOpThreads, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task TheExecutorRunsTheHeadAndTheTailWithTheirTiersSettings()
    {
        using var executor = new OnnxSplitExecutor(_squeezeNet, new OnnxRuntimeOptions { IntraOpThreads = 2 });
        var space = new ConfigurationSpace([new IntegerParameter("layer", 0, 65, 1, ParameterRole.SplitPoint), OnnxRuntimeParameters.Threads(TierNames.Edge, maxThreads: 4)]);
        var configuration = space.Create(new Dictionary<string, string> { ["layer"] = "3", ["edge:ort-threads"] = "1" });
        var inputs = OnnxInputGenerator.Create(_squeezeNet.Plan.Inputs, null, seed: 4);
        await executor.RunAsync(new SplitExecutionRequest(3, inputs, configuration), CancellationToken.None);
        Assert.That(executor.Runner.CachedSessionCount, Is.EqualTo(2));
        executor.Release(3);
        Assert.That(executor.Runner.CachedSessionCount, Is.Zero);
    }

    [Test]
    public void TheProfilerMeasuresHeadTailAndCutPerSplitPoint()
    {
        var profiles = OnnxSplitProfiler.Profile(_squeezeNet, new OnnxProfilerOptions { Indices = [0, 3, 65], WarmupRuns = 1, Repetitions = 3 });
        Assert.That(profiles.Select(p => p.Index), Is.EqualTo(new[] { 0, 3, 65 }));
        Assert.Multiple(() =>
        {
            Assert.That(profiles[0].HeadLatency, Is.EqualTo(TimeSpan.Zero));
            Assert.That(profiles[0].TailLatency, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(profiles[0].CutBytes, Is.EqualTo(3 * 224 * 224 * 4));
            Assert.That(profiles[1].CutBytes, Is.EqualTo(64 * 55 * 55 * 4));
            Assert.That(profiles[2].TailLatency, Is.EqualTo(TimeSpan.Zero));
            Assert.That(profiles[2].HeadLatency, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [Test]
    public void CutTensorsRoundTripThroughAContiguousBuffer()
    {
        var tensors = new[]
        {
            TensorData.FromFloats("a", [2, 3], [1, 2, 3, 4, 5, 6]),
            new TensorData("ids", TensorElementType.Int64, [2], BitConverter.GetBytes(7L).Concat(BitConverter.GetBytes(-1L)).ToArray()),
        };
        var buffer = CutTensorSerializer.Serialize(tensors);
        Assert.That(buffer, Has.Length.EqualTo(CutTensorSerializer.GetSerializedSize(tensors)));
        var back = CutTensorSerializer.Deserialize(buffer);
        Assert.Multiple(() =>
        {
            Assert.That(back.Select(t => t.Name), Is.EqualTo(new[] { "a", "ids" }));
            Assert.That(back[0].AsFloats().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(back[1].ElementType, Is.EqualTo(TensorElementType.Int64));
            Assert.That(back[1].Shape, Is.EqualTo(new long[] { 2 }));
            Assert.That(BitConverter.ToInt64(back[1].Data.Span[8..]), Is.EqualTo(-1));
        });

        var truncated = Assert.Throws<InvalidDataException>(() => CutTensorSerializer.Deserialize(buffer.AsMemory(0, buffer.Length - 3)));
        Assert.That(truncated!.Message, Does.Contain("truncated"));
        Assert.Throws<InvalidDataException>(() => CutTensorSerializer.Deserialize(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
    }

    [Test]
    public async Task TheBuilderExtensionRegistersTheBackendAndValidatesAtStart()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseOnnxRuntimeExecutor(o => o.ModelPath = TestModels.SqueezeNet).UseOnnxRuntimeExecutor(o => o.IntraOpThreads = 1);
        await using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<ISplitExecutor>(), Is.InstanceOf<OnnxSplitExecutor>());
        Assert.That(provider.GetRequiredService<ISplitPlanner>(), Is.InstanceOf<OnnxSplitPlanner>());
        Assert.That(provider.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value.IntraOpThreads, Is.EqualTo(1));

        // One stage runner serves the executor and the in-process tiers.
        Assert.That(provider.GetRequiredService<IStageRunner>(), Is.SameAs(provider.GetRequiredService<OnnxStageRunner>()));
        Assert.That(((OnnxSplitExecutor)provider.GetRequiredService<ISplitExecutor>()).Runner, Is.SameAs(provider.GetRequiredService<OnnxStageRunner>()));

        var bad = new ServiceCollection();
        bad.AddDynaSplit().UseOnnxRuntimeExecutor(o => o.ModelPath = "/nonexistent/model.onnx");
        await using var badProvider = bad.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => _ = badProvider.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("/nonexistent/model.onnx"));
    }

    [Test]
    public void UseOnnxRuntimeStagesLoadsNothingAtRegistrationAndRegistersOnceWhenCalledTwice()
    {
        var services = new ServiceCollection();

        // A missing model is not an error at registration: nothing is read until the runner is resolved.
        services.AddDynaSplit().UseOnnxRuntimeStages(o => o.ModelPath = "/nonexistent/model.onnx").UseOnnxRuntimeStages(o => o.SessionCacheCapacity = 2);
        Assert.Multiple(() =>
        {
            Assert.That(services.Count(d => d.ServiceType == typeof(IStageRunner)), Is.EqualTo(1));
            Assert.That(services.Count(d => d.ServiceType == typeof(OnnxStageRunner)), Is.EqualTo(1));
            Assert.That(services.Count(d => d.ServiceType == typeof(ISplitExecutor)), Is.Zero);
        });

        using var provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value, Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("/nonexistent/model.onnx"));
    }

    [Test]
    public void TheOptionsValidatorRefusesAnEmptySessionCache()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseOnnxRuntimeStages(o =>
        {
            o.ModelPath = TestModels.SqueezeNet;
            o.SessionCacheCapacity = 0;
        });
        using var provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value, Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("SessionCacheCapacity"));
    }
}
