using DynaSplit.DependencyInjection;
using DynaSplit.Execution;
using DynaSplit.Objectives;
using DynaSplit.Online;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.OnnxRuntime.Tests;

public sealed class TableBindingAtStartTests
{
    [Test]
    public void AVgg16ReplayTableOverSqueezeNetIsRefusedAtStartWithTheMismatchNamed()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(space.ValidConfigurations[0], 100, 1, null)]);
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(table).UseOnnxRuntimeStages(o => o.ModelPath = TestModels.SqueezeNet);
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<DynaSplitRuntime>(),
            Throws.InvalidOperationException.With.Message.Contains("'layer' ranges over integers 0..22").And.Message.Contains("squeezenet1_1.onnx has split points 0.."));
    }

    [Test]
    public async Task ATableMadeForTheServedModelWhoseParametersNeedNoKnobServesARequest()
    {
        var plan = DynaSplit.OnnxRuntime.Planning.OnnxSplitModel.Load(TestModels.SqueezeNet).Plan;
        var space = await SplitSpaceBuilder.CreateAsync(plan, []);
        var split = space.ParseKey($"split={plan.EdgeOnlyIndex / 2}");
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(split, 100, 1, null)]);
        var services = new ServiceCollection();
        services.AddDynaSplit(o => o.UnboundSettings = DynaSplit.Hardware.UnboundSettingsPolicy.Error).UseLookupTable(table).UseOnnxRuntimeStages(o => o.ModelPath = TestModels.SqueezeNet);
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<DynaSplitRuntime>();

        var answer = await runtime.RunAsync(new InferenceRequest(1e9), OnnxInputGenerator(plan), CancellationToken.None);

        Assert.That(answer.Configuration, Is.EqualTo(split));
        Assert.That(answer.Execution.Stages.Select(s => s.Tier), Is.EqualTo(new[] { "edge", "cloud" }));
        Assert.That(answer.Execution.TransferredBytes, Is.GreaterThan(0));
    }

    private static IReadOnlyList<TensorData> OnnxInputGenerator(SplitPlan plan) =>
        DynaSplit.OnnxRuntime.Verification.OnnxInputGenerator.Create(plan.Inputs, null, seed: 1);
}
