using DynaSplit.DependencyInjection;
using DynaSplit.Optimization.Storage;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class BuilderTests
{
    [Test]
    public void AddNsga3ReplacesTheDefaultOptimizer()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseNsga3(o => o.PopulationSize = 60);
        using var provider = services.BuildServiceProvider();
        var optimizer = provider.GetRequiredService<IMultiObjectiveOptimizer>();
        Assert.That(optimizer, Is.InstanceOf<Nsga3Optimizer>());
        Assert.That(((Nsga3Optimizer)optimizer).Options.PopulationSize, Is.EqualTo(60));
    }

    [Test]
    public void AddNsga3StartsFromTheBudgetAwareSearchAndASecondCallKeepsTheFirstCallsChanges()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseNsga3(o => o.PreSelectionCandidates = 4).UseNsga3(o => o.Divisions = 4);
        using var provider = services.BuildServiceProvider();
        var options = ((Nsga3Optimizer)provider.GetRequiredService<IMultiObjectiveOptimizer>()).Options;
        Assert.Multiple(() =>
        {
            Assert.That(options.AdaptToBudget, Is.True);
            Assert.That(options.PriorConfigurations, Is.Not.Null);
            Assert.That(options.PreSelectionAcquisition, Is.EqualTo(PreSelectionAcquisition.HypervolumeImprovement));
            Assert.That(options.PreSelectionCandidates, Is.EqualTo(4), "the first call's change survives the second call");
            Assert.That(options.Divisions, Is.EqualTo(4));
        });
    }

    [Test]
    public void AddNsga2AfterAddNsga3Wins()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseNsga3().UseNsga2();
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IMultiObjectiveOptimizer>().Name, Is.EqualTo("nsga2"));
    }

    [Test]
    public void InvalidOptionsFailAtStart()
    {
        var services = new ServiceCollection();
        services.AddDynaSplit().UseNsga3(o => o.Divisions = 0);
        using var provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<IStartupValidator>();
        var ex = Assert.Throws<OptionsValidationException>(() => validator.Validate());
        Assert.That(ex!.Message, Does.Contain("Nsga3Options: Divisions is 0"));
    }

    [Test]
    public void OfflinePhaseUsesTheRegisteredOptimizerAndStore()
    {
        var path = Path.Combine(Path.GetTempPath(), "dynasplit-di-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var services = new ServiceCollection();
            services.AddDynaSplit().UseNsga2().UseSqliteTrialStore(path, "di").UseTestbed(_ => new SyntheticTestbed());
            using var provider = services.BuildServiceProvider();
            Assert.That(provider.GetRequiredService<ITrialStore>(), Is.InstanceOf<SqliteTrialStore>());
            var result = provider.GetRequiredService<OfflinePhase>().RunAsync(new OfflinePhaseOptions { Budget = 20 }, CancellationToken.None).GetAwaiter().GetResult();
            Assert.That(result.Measured, Is.EqualTo(20));
            Assert.That(new SqliteTrialStore(path, "di").LoadAsync(SyntheticTestbed.CreateSpace(), CancellationToken.None).AsTask().Result, Has.Count.EqualTo(20));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
