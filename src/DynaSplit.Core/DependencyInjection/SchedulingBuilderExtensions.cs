using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
    /// Adds idle probing (off unless added): a hosted <see cref="LinkProber"/> sends a probe through
    /// <paramref name="probe"/> when the link estimator saw no bandwidth sample for <see cref="LinkProbeOptions.Interval"/>,
    /// and feeds the estimator what it measured; adds the estimator (<see cref="AddLinkEstimator"/>). The prober runs
    /// while the host runs (it needs <c>IHost</c>; without one, resolve <see cref="LinkProber"/> and start it yourself).
    /// Safe to call twice: one prober, with the last options and probe given.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="probe">Makes the probe (for example a <see cref="StageTransportProbe"/> over the far tier's transport).</param>
    /// <param name="options">The interval and timeout (validated here); the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IDynaSplitBuilder AddLinkProbe(this IDynaSplitBuilder builder, Func<IServiceProvider, ILinkProbe> probe, LinkProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(probe);
        var chosen = options ?? new LinkProbeOptions();
        chosen.Validate();
        builder.AddLinkEstimator();
        builder.Services.Replace(ServiceDescriptor.Singleton(chosen));
        builder.Services.Replace(ServiceDescriptor.Singleton<ILinkProbe>(probe));
        builder.Services.TryAddSingleton(sp => new LinkProber(
            sp.GetRequiredService<LinkEstimator>(),
            sp.GetRequiredService<ILinkProbe>(),
            sp.GetRequiredService<LinkProbeOptions>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<LinkProber>>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LinkProber>(sp => sp.GetRequiredService<LinkProber>()));
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
