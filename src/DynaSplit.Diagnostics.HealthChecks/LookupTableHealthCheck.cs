using DynaSplit.DependencyInjection;
using DynaSplit.Hardware;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DynaSplit.Diagnostics.HealthChecks;

/// <summary>
/// Checks the lookup table the online phase serves from: it loads (from <see cref="DynaSplitOptions.LookupTablePath"/> or
/// <c>UseLookupTable</c>), has entries, was made for the served model (<see cref="TableBinding.Verify"/>, when a
/// <see cref="SplitPlan"/> is registered) and its hardware settings have knobs (<see cref="KnobController.Bind"/>).
/// </summary>
/// <remarks>
/// Services are resolved when the check runs, so a table file that appears later makes the check pass then. A
/// setting that no knob applies is Degraded under <see cref="UnboundSettingsPolicy.Warn"/> (the runtime starts but never
/// sets it) and a failure under <see cref="UnboundSettingsPolicy.Error"/> (the runtime refuses to start); a knob that no
/// parameter mentions is reported in the data, and is a failure only under Error.
/// </remarks>
public sealed class LookupTableHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;

    /// <summary>Creates the check over the application's services.</summary>
    public LookupTableHealthCheck(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Check(context.Registration.FailureStatus));
    }

    private HealthCheckResult Check(HealthStatus failure)
    {
        LookupTable table;
        try
        {
            table = _services.GetService<LookupTable>()
                ?? throw new InvalidOperationException("No lookup table is registered: call AddDynaSplit() and set DynaSplitOptions.LookupTablePath or UseLookupTable(...).");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HealthCheckResult(failure, $"The lookup table could not be loaded: {ex.Message}", ex);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["entries"] = table.Entries.Count,
            ["objectives"] = string.Join(", ", table.Objectives.Select(o => o.Name)),
            ["tiers"] = string.Join(", ", table.Binding.Tiers),
        };
        if (table.Binding.ModelFingerprint is { } fingerprint)
        {
            data["fingerprint"] = fingerprint;
        }

        if (table.Entries.Count == 0)
        {
            return new HealthCheckResult(failure, "The lookup table has no entries, so no request can be scheduled: run the offline phase again.", data: data);
        }

        try
        {
            if (_services.GetService<SplitPlan>() is { } plan)
            {
                data["model"] = plan.Model;
                TableBinding.Verify(table, plan);
            }
            else
            {
                data["model"] = "not checked (no SplitPlan registered)";
            }
        }
        catch (InvalidOperationException ex)
        {
            return new HealthCheckResult(failure, ex.Message, ex, data);
        }

        KnobBindingReport report;
        UnboundSettingsPolicy policy;
        try
        {
            if (_services.GetService<KnobController>() is not { } knobs)
            {
                return HealthCheckResult.Healthy($"The lookup table has {table.Entries.Count} entries for {data["model"]}; its settings were not checked against knobs (no KnobController registered: AddDynaSplit() registers one).", data);
            }

            policy = _services.GetService<IOptions<DynaSplitOptions>>()?.Value.UnboundSettings ?? UnboundSettingsPolicy.Warn;
            report = knobs.Bind(table.Space);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HealthCheckResult(failure, $"The hardware knobs could not be listed to check the table's settings against them: {ex.Message}", ex, data);
        }

        if (report.UnboundParameters.Count > 0)
        {
            data["unbound"] = string.Join(", ", report.UnboundParameters.Select(p => p.Name));
        }

        if (report.UnusedKnobs.Count > 0)
        {
            data["unused knobs"] = string.Join(", ", report.UnusedKnobs);
        }

        if (report.IsComplete)
        {
            return HealthCheckResult.Healthy($"The lookup table has {table.Entries.Count} entries for {data["model"]}; every hardware setting has a knob.", data);
        }

        var status = policy == UnboundSettingsPolicy.Error ? failure
            : report.UnboundParameters.Count > 0 ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        return new HealthCheckResult(status, $"The lookup table has {table.Entries.Count} entries, but {report.Describe()}.", data: data);
    }
}
