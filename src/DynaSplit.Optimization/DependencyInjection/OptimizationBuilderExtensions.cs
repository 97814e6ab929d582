using DynaSplit.Optimization;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods of DynaSplit.Optimization: NSGA-II and NSGA-III (the SQLite study store is in DynaSplit.Optimization.Sqlite).</summary>
public static class OptimizationBuilderExtensions
{
    /// <summary>
    /// Uses NSGA-III (the paper's sampler) for the offline phase, replacing any earlier optimizer, with the budget-aware
    /// search (<see cref="GeneticOptions.UseBudgetAwareSearch"/>) applied before <paramref name="configure"/>. Its options
    /// are validated when the host starts. For the algorithm as published, set the options of a fresh
    /// <see cref="Nsga3Options"/> instead (for example <c>o.AdaptToBudget = false; o.PriorConfigurations = null;
    /// o.PreSelectionCandidates = 0;</c>), or use <c>UseOptimizer(new Nsga3Optimizer())</c>.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Changes to the budget-aware settings (3 divisions, population sized to the budget).</param>
    public static IDynaSplitBuilder UseNsga3(this IDynaSplitBuilder builder, Action<Nsga3Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMultiObjectiveOptimizer>(sp =>
            new Nsga3Optimizer(sp.GetRequiredService<IOptions<Nsga3Options>>().Value, sp.GetService<ILogger<Nsga3Optimizer>>())));
        return builder;
    }

    /// <summary>
    /// Uses NSGA-II for the offline phase, replacing any earlier optimizer, with the budget-aware search
    /// (<see cref="GeneticOptions.UseBudgetAwareSearch"/>) applied before <paramref name="configure"/>. Its options are
    /// validated when the host starts; <c>UseOptimizer(new Nsga2Optimizer())</c> gives the algorithm as published.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Changes to the budget-aware settings (population sized to the budget).</param>
    public static IDynaSplitBuilder UseNsga2(this IDynaSplitBuilder builder, Action<Nsga2Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMultiObjectiveOptimizer>(sp =>
            new Nsga2Optimizer(sp.GetRequiredService<IOptions<Nsga2Options>>().Value, sp.GetService<ILogger<Nsga2Optimizer>>())));
        return builder;
    }

    private static void AddOptions<TOptions>(IServiceCollection services, Action<TOptions>? configure)
        where TOptions : GeneticOptions
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TOptions>, BudgetAwareDefaults<TOptions>>());
        var options = services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, GeneticOptionsValidator<TOptions>>());
    }
}
