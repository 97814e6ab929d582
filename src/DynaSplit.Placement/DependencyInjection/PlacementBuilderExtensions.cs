using DynaSplit.Placements.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods of DynaSplit.Placement: the early-exit placement planners.</summary>
public static class PlacementBuilderExtensions
{
    /// <summary>
    /// Adds the placement planners as <see cref="IPlacementPlanner"/> (resolve them all and pick one by
    /// <see cref="IPlacementPlanner.Name"/>): FIN, also registered as <see cref="FinPlanner"/>, the exhaustive optimum and
    /// the latency-greedy benchmark. FIN's options are validated when the host starts. Safe to call more than once: the
    /// planners are added once, and each call's <paramref name="configure"/> applies in order.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Changes to FIN's defaults (gamma 1000).</param>
    public static IDynaSplitBuilder AddPlacementPlanners(this IDynaSplitBuilder builder, Action<FinPlannerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<FinPlannerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FinPlannerOptions>, FinPlannerOptionsValidator>());
        builder.Services.TryAddSingleton(sp => new FinPlanner(sp.GetRequiredService<IOptions<FinPlannerOptions>>().Value));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlacementPlanner, FinPlanner>(sp => sp.GetRequiredService<FinPlanner>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlacementPlanner, ExhaustivePlanner>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlacementPlanner, LatencyGreedyPlanner>());
        return builder;
    }
}
