using DynaSplit.DependencyInjection;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Knobs;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Profiling;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using DynaSplit.Spaces;
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
        using var serialized = new OnnxSplitExecutor(_squeezeNet, new OnnxRuntimeExecutorOptions { SerializeHandoff = true });
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
    public void TheConfigurationsThreadAndProviderParametersChooseTheSessionSettings()
    {
        var state = new OnnxRuntimeKnobState(OnnxRuntimeSessionSettings.CpuProvider, 2);
        using var executor = new OnnxSplitExecutor(_squeezeNet, new OnnxRuntimeExecutorOptions(), state);
        var space = new ConfigurationSpace([
            new IntegerParameter("layer", 0, 65),
            new IntegerParameter("ort-threads", 1, 4),
            new CategoricalParameter("ort-provider", [OnnxRuntimeSessionSettings.CpuProvider]),
        ]);
        var configuration = space.Create(new Dictionary<string, string> { ["layer"] = "3", ["ort-threads"] = "1", ["ort-provider"] = OnnxRuntimeSessionSettings.CpuProvider });
        Assert.That(executor.ResolveSettings(configuration).IntraOpThreads, Is.EqualTo(1));
        Assert.That(executor.ResolveSettings(null).IntraOpThreads, Is.EqualTo(2));
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
    public async Task TheThreadKnobValidatesAppliesAndRestores()
    {
        var state = new OnnxRuntimeKnobState(OnnxRuntimeSessionSettings.CpuProvider, 0);
        await using var knob = new IntraOpThreadsKnob(state);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Number), Is.EqualTo(Enumerable.Range(1, Environment.ProcessorCount).Select(n => (double?)n)));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromNumber(Environment.ProcessorCount + 1), CancellationToken.None));
        Assert.That(knob.HasChanges, Is.False);
        await knob.ApplyAsync(KnobValue.FromNumber(1), CancellationToken.None);
        Assert.That(state.IntraOpThreads, Is.EqualTo(1));
        Assert.That(knob.HasChanges, Is.True);
        await knob.RestoreAsync(CancellationToken.None);
        Assert.That(state.IntraOpThreads, Is.EqualTo(0));
        Assert.That(knob.HasChanges, Is.False);
    }

    [Test]
    public async Task TheProviderKnobOffersTheInstalledProviders()
    {
        var state = new OnnxRuntimeKnobState(OnnxRuntimeSessionSettings.CpuProvider, 0);
        await using var knob = new ExecutionProviderKnob(state);
        var domain = await knob.GetDomainAsync(CancellationToken.None);
        Assert.That(domain.Values.Select(v => v.Text), Does.Contain(OnnxRuntimeSessionSettings.CpuProvider));
        var ex = Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await knob.ApplyAsync(KnobValue.FromText("NoSuchExecutionProvider"), CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("NoSuchExecutionProvider"));
        Assert.That(state.ExecutionProvider, Is.EqualTo(OnnxRuntimeSessionSettings.CpuProvider));
        await knob.ApplyAsync(KnobValue.FromText(OnnxRuntimeSessionSettings.CpuProvider), CancellationToken.None);
        Assert.That((await knob.ReadAsync(CancellationToken.None)).Text, Is.EqualTo(OnnxRuntimeSessionSettings.CpuProvider));
    }

    [Test]
    public async Task TheBuilderExtensionRegistersTheBackendAndValidatesAtStart()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().AddOnnxRuntimeExecutor(o => o.ModelPath = TestModels.SqueezeNet).AddOnnxRuntimeExecutor(o => o.IntraOpThreads = 1);
        await using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<ISplitExecutor>(), Is.InstanceOf<OnnxSplitExecutor>());
        Assert.That(provider.GetRequiredService<ISplitPlanner>(), Is.InstanceOf<OnnxSplitPlanner>());
        Assert.That(provider.GetServices<IHardwareKnob>().Select(k => k.Name), Is.EquivalentTo(new[] { "ort-provider", "ort-threads" }));
        Assert.That(provider.GetRequiredService<OnnxRuntimeKnobState>().IntraOpThreads, Is.EqualTo(1));

        var bad = new ServiceCollection();
        bad.AddDynaSplit().AddOnnxRuntimeExecutor(o => o.ModelPath = "/nonexistent/model.onnx");
        await using var badProvider = bad.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => _ = badProvider.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("/nonexistent/model.onnx"));
    }
}
