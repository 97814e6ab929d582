using DynaSplit.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Online;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers DynaSplit in a service collection.</summary>
public static class DynaSplitServiceCollectionExtensions
{
    /// <summary>
    /// Adds the DynaSplit core with its options bound from a configuration section (for example
    /// <c>configuration.GetSection("DynaSplit")</c> with keys <c>LookupTablePath</c>, <c>Offline:BudgetFraction</c>,
    /// <c>Offline:Seed</c>, <c>Offline:MaxConcurrentTrials</c>). Validated at start like the other overload.
    /// </summary>
    public static IDynaSplitBuilder AddDynaSplit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DynaSplitOptions>().Bind(configuration);
        return services.AddDynaSplit();
    }

    /// <summary>
    /// Adds the DynaSplit core: options (validated at start), metrics, the offline phase, the scheduler over the
    /// lookup table, and the online runtime. Returns a builder on which plugin assemblies add their backends.
    /// Calling it twice adds nothing twice.
    /// </summary>
    public static IDynaSplitBuilder AddDynaSplit(this IServiceCollection services, Action<DynaSplitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DynaSplitOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynaSplitOptions>, DynaSplitOptionsValidator>());
        services.TryAddSingleton(sp => new DynaSplitMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ITrialStore, InMemoryTrialStore>();
        services.TryAddSingleton<IMultiObjectiveOptimizer, RandomSearch>();
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<DynaSplitOptions>>().Value.LookupTablePath
                ?? throw new InvalidOperationException("No lookup table: set DynaSplitOptions.LookupTablePath or call UseLookupTable(...) on the DynaSplit builder.");
            return LookupTableJson.Load(path);
        });
        services.TryAddSingleton<IScheduler>(sp => new DynaSplitScheduler(sp.GetRequiredService<LookupTable>()));
        services.TryAddTransient(sp => new OfflinePhase(
            sp.GetService<ITestbed>() ?? throw new InvalidOperationException("No testbed is registered: call UseTestbed(...) (or a plugin's equivalent) on the DynaSplit builder."),
            sp.GetRequiredService<IMultiObjectiveOptimizer>(),
            sp.GetRequiredService<ITrialStore>(),
            sp.GetService<ILogger<OfflinePhase>>(),
            sp.GetRequiredService<DynaSplitMetrics>()));
        services.TryAddSingleton(sp => new KnobController(sp.GetHardwareKnobs(), sp.GetService<ILogger<KnobController>>()));
        services.TryAddSingleton(sp =>
        {
            var scheduler = sp.GetRequiredService<IScheduler>();
            var knobs = sp.GetRequiredService<KnobController>();
            var metrics = sp.GetRequiredService<DynaSplitMetrics>();
            var table = scheduler switch
            {
                DynaSplitScheduler d => d.Table,
                PredictiveScheduler p => p.Table,
                _ => null,
            };
            if (table is not null)
            {
                if (sp.GetService<Planning.SplitPlan>() is { } plan)
                {
                    TableBinding.Verify(table, plan);
                }

                knobs.CheckBinding(table.Space, sp.GetRequiredService<IOptions<DynaSplitOptions>>().Value.UnboundSettings, "The lookup table");
            }

            return new DynaSplitRuntime(scheduler, PipelineResolution.ResolveOrAdapt(sp), knobs, metrics, sp.GetService<LinkEstimator>());
        });
        return new DynaSplitBuilder(services);
    }
}
