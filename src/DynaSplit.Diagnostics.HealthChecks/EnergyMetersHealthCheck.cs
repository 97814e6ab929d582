using DynaSplit.Energy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DynaSplit.Diagnostics.HealthChecks;

/// <summary>
/// Checks the registered energy meters: each is available (<see cref="IEnergyMeter.Availability"/>) and a measurement
/// window opened and closed at once gives a reading. Healthy when every meter reads, Degraded when some do not or none is
/// registered (energy is then not measured), the registration's failure status when none reads. The data says, per
/// meter, whether it measures or estimates.
/// </summary>
public sealed class EnergyMetersHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;

    /// <summary>Creates the check over the application's services.</summary>
    public EnergyMetersHealthCheck(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        IReadOnlyList<IEnergyMeter> meters;
        try
        {
            meters = [.. _services.GetServices<IEnergyMeter>()];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HealthCheckResult(failure, $"The energy meters could not be created: {ex.Message}", ex);
        }

        if (meters.Count == 0)
        {
            return HealthCheckResult.Degraded("No energy meter is registered, so energy is not measured: add one (AddRaplMeter, AddInaHwmonMeter, AddIna219I2cMeter, AddNvmlMeter or AddEstimatedEnergyMeter).");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        Exception? first = null;
        foreach (var meter in meters)
        {
            if (!meter.Availability.IsAvailable)
            {
                problems.Add($"{meter.Name} is unavailable: {meter.Availability.Reason}");
                data[meter.Name] = "unavailable: " + meter.Availability.Reason;
                continue;
            }

            try
            {
                var window = await meter.StartAsync(cancellationToken).ConfigureAwait(false);
                await using (window.ConfigureAwait(false))
                {
                    var reading = await window.StopAsync(cancellationToken).ConfigureAwait(false);
                    data[meter.Name] = $"readable ({(reading.Kind == EnergyReadingKind.Estimated ? "estimated" : "measured")}, {reading.Source})";
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                first ??= ex;
                problems.Add($"{meter.Name} cannot be read: {ex.Message}");
                data[meter.Name] = "unreadable: " + ex.Message;
            }
        }

        if (problems.Count == 0)
        {
            return HealthCheckResult.Healthy($"{meters.Count} energy meter(s) readable: {string.Join(", ", meters.Select(m => m.Name))}.", data);
        }

        var status = problems.Count == meters.Count ? failure : HealthStatus.Degraded;
        return new HealthCheckResult(status, $"{problems.Count} of {meters.Count} energy meter(s) cannot measure: {string.Join("; ", problems)}", first, data);
    }
}
