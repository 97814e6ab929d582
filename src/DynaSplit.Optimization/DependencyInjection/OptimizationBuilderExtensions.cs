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
    /// Uses NSGA-III (the paper's sampler) for the offline phase, replacing any earlier optimizer. Its options are
    /// validated when the host starts.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Changes to the defaults (population 50, crossover probability 0.9, 3 divisions).</param>
    public static IDynaSplitBuilder AddNsga3(this IDynaSplitBuilder builder, Action<Nsga3Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMultiObjectiveOptimizer>(sp =>
            new Nsga3Optimizer(sp.GetRequiredService<IOptions<Nsga3Options>>().Value, sp.GetService<ILogger<Nsga3Optimizer>>())));
        return builder;
    }

    /// <summary>
    /// Uses NSGA-II for the offline phase, replacing any earlier optimizer. Its options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Changes to the defaults (population 50, crossover probability 0.9).</param>
    public static IDynaSplitBuilder AddNsga2(this IDynaSplitBuilder builder, Action<Nsga2Options>? configure = null)
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
        var options = services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, GeneticOptionsValidator<TOptions>>());
    }
}
