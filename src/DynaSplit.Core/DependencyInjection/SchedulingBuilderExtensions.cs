using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods for the online phase's scheduling: the link estimator and the network-aware scheduler.</summary>
public static class SchedulingBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="LinkEstimator"/>: the runtime feeds it every request's stage transfers and gives its estimate
    /// to the scheduler; the estimate is exported as the <c>dynasplit.link.bandwidth</c> and
    /// <c>dynasplit.link.round_trip</c> gauges. Safe to call twice: one estimator, with the last options given.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">How the estimator weighs transfers (validated here); the defaults, or those given by an earlier call, when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IDynaSplitBuilder AddLinkEstimator(this IDynaSplitBuilder builder, LinkEstimatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            options.Validate();
            builder.Services.Replace(ServiceDescriptor.Singleton(options));
        }

        builder.Services.TryAddSingleton(sp => new LinkEstimator(sp.GetService<LinkEstimatorOptions>(), sp.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// Uses the <see cref="PredictiveScheduler"/> over the lookup table (replaces the published scheduler), and adds a
    /// link estimator (<see cref="AddLinkEstimator"/>) so that it sees the network.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">How it predicts and the margin it keeps (validated here); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IDynaSplitBuilder UsePredictiveScheduler(this IDynaSplitBuilder builder, PredictiveSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var chosen = options ?? new PredictiveSchedulerOptions();
        chosen.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton<IScheduler>(sp => new PredictiveScheduler(sp.GetRequiredService<LookupTable>(), chosen)));
        return builder.AddLinkEstimator();
    }
}
