using DynaSplit.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DynaSplit.DependencyInjection;

/// <summary>Adds DynaSplit's health checks to a host's health checks (<c>services.AddHealthChecks()</c>).</summary>
public static class DynaSplitHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the lookup table, knobs and energy meters checks (<see cref="DynaSplitHealthChecks"/> names), tagged
    /// <see cref="DynaSplitHealthChecks.Tag"/> and <paramref name="tags"/>. Nothing is resolved or read until a check
    /// runs. Safe to call more than once: a check already registered under its name is not added again.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="failureStatus">What a failed check reports (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">More tags for the three checks.</param>
    /// <param name="timeout">How long a check may take (default 10 s: the knobs and meters read the hardware).</param>
    public static IHealthChecksBuilder AddDynaSplitChecks(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tagList = tags?.ToArray() ?? [];
        return builder
            .AddDynaSplitLookupTableCheck(failureStatus, tagList, timeout)
            .AddDynaSplitKnobsCheck(failureStatus, tagList, timeout)
            .AddDynaSplitEnergyMetersCheck(failureStatus, tagList, timeout);
    }

    /// <summary>Adds the <see cref="LookupTableHealthCheck"/> (see <see cref="AddDynaSplitChecks"/>).</summary>
    public static IHealthChecksBuilder AddDynaSplitLookupTableCheck(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null) =>
        builder.AddOnce(DynaSplitHealthChecks.LookupTable, sp => new LookupTableHealthCheck(sp), failureStatus, tags, timeout);

    /// <summary>Adds the <see cref="HardwareKnobsHealthCheck"/> (see <see cref="AddDynaSplitChecks"/>).</summary>
    public static IHealthChecksBuilder AddDynaSplitKnobsCheck(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null) =>
        builder.AddOnce(DynaSplitHealthChecks.Knobs, sp => new HardwareKnobsHealthCheck(sp), failureStatus, tags, timeout);

    /// <summary>Adds the <see cref="EnergyMetersHealthCheck"/> (see <see cref="AddDynaSplitChecks"/>).</summary>
    public static IHealthChecksBuilder AddDynaSplitEnergyMetersCheck(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null) =>
        builder.AddOnce(DynaSplitHealthChecks.EnergyMeters, sp => new EnergyMetersHealthCheck(sp), failureStatus, tags, timeout);

    private static IHealthChecksBuilder AddOnce(this IHealthChecksBuilder builder, string name, Func<IServiceProvider, IHealthCheck> factory, HealthStatus? failureStatus, IEnumerable<string>? tags, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] allTags = [DynaSplitHealthChecks.Tag, .. tags ?? []];
        var registration = new HealthCheckRegistration(name, factory, failureStatus, allTags.Distinct(StringComparer.Ordinal), timeout ?? TimeSpan.FromSeconds(10));
        // HealthCheckService refuses duplicate names when it starts; adding only when absent keeps a second call harmless.
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (!options.Registrations.Any(r => string.Equals(r.Name, name, StringComparison.Ordinal)))
            {
                options.Registrations.Add(registration);
            }
        });
        return builder;
    }
}
