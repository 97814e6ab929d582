using DynaSplit.Core.Tests.Fakes;
using DynaSplit.DependencyInjection;
using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.Core.Tests.DependencyInjection;

public sealed class AddDynaSplitTests
{
    [Test]
    public async Task TheOfflinePhaseComposesFromTheBuilder()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var testbed = new FakeTestbed(space);
        var services = new ServiceCollection();
        services.AddDynaSplit(o => o.Offline.Objectives = WellKnownObjectives.LatencyEnergy)
            .UseExhaustiveSearch()
            .UseTestbed(_ => testbed);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<DynaSplitOptions>>().Value;
        var result = await provider.GetRequiredService<OfflinePhase>().RunAsync(options.Offline, CancellationToken.None);

        Assert.That(provider.GetRequiredService<IMultiObjectiveOptimizer>(), Is.TypeOf<ExhaustiveSearch>());
        Assert.That(result.Budget, Is.EqualTo(184));
        Assert.That(testbed.Evaluated, Has.Count.EqualTo(184));
    }

    [Test]
    public void BadOptionsFailAtStartWithTheSettingNamed()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit(o =>
        {
            o.Offline.BudgetFraction = 1.5;
            o.Offline.MaxConcurrentTrials = 0;
            o.LookupTablePath = "/nonexistent/table.json";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())!;
        Assert.That(error.Message, Does.Contain("BudgetFraction must be in (0, 1]"));
        Assert.That(error.Message, Does.Contain("MaxConcurrentTrials"));
        Assert.That(error.Message, Does.Contain("/nonexistent/table.json"));
    }

    [Test]
    public void OptionsBindFromConfigurationAndAreValidated()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DynaSplit:Offline:BudgetFraction"] = "0.35",
            ["DynaSplit:Offline:Seed"] = "11",
        }).Build();
        var services = new ServiceCollection();
        services.AddDynaSplit(configuration.GetSection("DynaSplit"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DynaSplitOptions>>().Value;
        Assert.That((options.Offline.BudgetFraction, options.Offline.Seed), Is.EqualTo((0.35, 11)));

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Offline:BudgetFraction"] = "0" }).Build();
        var badServices = new ServiceCollection();
        badServices.AddDynaSplit(bad);
        using var badProvider = badServices.BuildServiceProvider();
        Assert.That(() => badProvider.GetRequiredService<IStartupValidator>().Validate(),
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("BudgetFraction"));
    }

    [Test]
    public void TheSchedulerUsesTheGivenTableAndMissingPiecesAreNamed()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(space.ValidConfigurations[0], 100, 1, null)]);
        var services = new ServiceCollection();
        services.AddDynaSplit().UseLookupTable(table);
        services.AddDynaSplit(); // a second call adds nothing twice
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IScheduler>().Select(new InferenceRequest(10)), Is.EqualTo(space.ValidConfigurations[0]));
        Assert.That(() => provider.GetRequiredService<OfflinePhase>(), Throws.InvalidOperationException.With.Message.Contains("UseTestbed"));
        Assert.That(() => provider.GetRequiredService<DynaSplit.Online.DynaSplitRuntime>(), Throws.InvalidOperationException.With.Message.Contains("UseOnnxRuntimeStages"));
    }

    [Test]
    public void DisposingTheProviderSynchronouslyAfterResolvingTheRuntimeRestoresTheKnobs()
    {
        var space = new ConfigurationSpace(
        [
            new OrdinalParameter("cpu-freq", [600, 1800], ParameterRole.EdgeCpuFrequency),
            new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint),
        ]);
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(space.ParseKey("cpu-freq=600;layer=3"), 100, 1, null)]);
        var cpu = new DynaSplit.Core.Tests.Fakes.RecordingKnob("cpu-freq", new DynaSplit.Hardware.KnobDomain([DynaSplit.Hardware.KnobValue.FromNumber(600), DynaSplit.Hardware.KnobValue.FromNumber(1800)]), DynaSplit.Hardware.KnobValue.FromNumber(1800), []);
        var services = new ServiceCollection();
        services.AddSingleton<DynaSplit.Execution.ISplitExecutor, DynaSplit.Core.Tests.Fakes.FakeExecutor>();
        services.AddDynaSplit().UseLookupTable(table).AddHardwareKnob(_ => cpu);
        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<DynaSplit.Online.DynaSplitRuntime>();
        runtime.RunAsync(new InferenceRequest(1000), [DynaSplit.Execution.TensorData.FromFloats("x", [1], [1f])], CancellationToken.None).GetAwaiter().GetResult();
        Assert.That(cpu.Device.Number, Is.EqualTo(600));

        Assert.DoesNotThrow(provider.Dispose);

        Assert.That(cpu.Device.Number, Is.EqualTo(1800), "the knob controller restores the board when the provider is disposed");
    }

    [Test]
    public void ATableWhoseHardwareParametersHaveNoKnobIsRefusedAtStartWhenAskedTo()
    {
        var space = SplitComputingSpace.PaperVgg16();
        var table = new LookupTable(space, WellKnownObjectives.LatencyEnergy, [new LookupEntry(space.ValidConfigurations[0], 100, 1, null)]);
        var services = new ServiceCollection();
        services.AddSingleton<DynaSplit.Execution.ISplitExecutor, DynaSplit.Core.Tests.Fakes.FakeExecutor>();
        services.AddDynaSplit(o => o.UnboundSettings = DynaSplit.Hardware.UnboundSettingsPolicy.Error).UseLookupTable(table);
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<DynaSplit.Online.DynaSplitRuntime>(),
            Throws.InvalidOperationException.With.Message.Contains("cpu-freq (edge CpuFrequency, MHz)").And.Message.Contains("server-accelerator (cloud AcceleratorMode)"));
    }

    [Test]
    public async Task TheHardwareTestbedComposesFromTheContainerAndItsOptionsAreCheckedAtStart()
    {
        var space = new ConfigurationSpace([new IntegerParameter("layer", 0, 22, 1, ParameterRole.SplitPoint)]);
        var services = new ServiceCollection();
        services.AddSingleton<DynaSplit.Execution.ISplitExecutor>(new FakeExecutor());
        services.AddDynaSplit(o =>
            {
                o.Offline.Objectives = WellKnownObjectives.LatencyEnergy;
                o.Offline.BudgetFraction = 1;
            })
            .UseExhaustiveSearch()
            .UseHardwareTestbed(_ => space, _ => i => [DynaSplit.Execution.TensorData.FromFloats("x", [1], [i])], o => o.MeasuredInferences = 2)
            .AddEnergyMeter(_ => new FixedEnergyMeter(0.5));
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var result = await provider.GetRequiredService<OfflinePhase>().RunAsync(provider.GetRequiredService<IOptions<DynaSplitOptions>>().Value.Offline, CancellationToken.None);

            Assert.That(result.Measured, Is.EqualTo(23));
            Assert.That(result.Table.Entries.All(e => e.Stages.Count == 2 && e.Stages[0].Tier == "edge" && e.Stages[1].Tier == "cloud"), Is.True);
        }

        services.AddDynaSplit().UseHardwareTestbed(_ => space, _ => _ => [], o => o.MeasuredInferences = 0);
        using var bad = services.BuildServiceProvider();
        Assert.That(() => bad.GetRequiredService<IStartupValidator>().Validate(), Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("MeasuredInferences"));
    }
}
