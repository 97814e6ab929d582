using DynaSplit.Hardware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DynaSplit.Diagnostics.HealthChecks;

/// <summary>
/// Checks the hardware knobs DynaSplit sets: each knob's domain is discovered and its current value read. Nothing is
/// written: the data says, per knob, its value, its domain and whether DynaSplit has changed it (a change is written and
/// read back, so a changed knob is known to be writable; one not changed yet is written, and verified, at its first
/// change).
/// </summary>
public sealed class HardwareKnobsHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;

    /// <summary>Creates the check over the application's services.</summary>
    public HardwareKnobsHealthCheck(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        IReadOnlyList<IHardwareKnob> knobs;
        try
        {
            knobs = _services.GetService<KnobController>() is { } controller
                ? [.. controller.Knobs.Values]
                : _services.GetHardwareKnobs();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HealthCheckResult(failure, $"The hardware knobs could not be discovered: {ex.Message}", ex);
        }

        if (knobs.Count == 0)
        {
            return HealthCheckResult.Healthy("No hardware knob is registered: DynaSplit changes no hardware setting.");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        Exception? first = null;
        foreach (var knob in knobs.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            try
            {
                var domain = await knob.GetDomainAsync(cancellationToken).ConfigureAwait(false);
                var value = await knob.ReadAsync(cancellationToken).ConfigureAwait(false);
                var unit = domain.Unit.Length == 0 ? string.Empty : " " + domain.Unit;
                var inDomain = domain.Contains(value) ? string.Empty : " (outside its domain: another agent may have set it)";
                var changed = knob.HasChanges ? "changed by DynaSplit (written and read back), restored on stop" : "as found (not written yet)";
                data[knob.Name] = $"{value.Text}{unit}{inDomain}; domain {domain}; {changed}";
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                first ??= ex;
                problems.Add($"{knob.Name}: {ex.Message}");
                data[knob.Name] = "unreadable: " + ex.Message;
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{knobs.Count} hardware knob(s) readable: {string.Join(", ", data.Keys)}.", data)
            : new HealthCheckResult(failure, $"{problems.Count} of {knobs.Count} hardware knob(s) cannot be read: {string.Join("; ", problems)}", first, data);
    }
}
