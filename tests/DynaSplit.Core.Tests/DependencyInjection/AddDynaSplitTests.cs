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
        Assert.That(() => provider.GetRequiredService<DynaSplit.Online.DynaSplitRuntime>(), Throws.InvalidOperationException.With.Message.Contains("AddOnnxRuntimeExecutor"));
    }
}
