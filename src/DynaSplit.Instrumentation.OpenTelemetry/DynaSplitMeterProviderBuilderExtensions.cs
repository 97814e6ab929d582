using DynaSplit.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Subscribes an OpenTelemetry meter provider to DynaSplit's metrics.</summary>
public static class DynaSplitMeterProviderBuilderExtensions
{
    /// <summary>
    /// Exports the instruments of <see cref="DynaSplitMetrics"/> (meter <c>DynaSplit</c>): <c>dynasplit.requests</c>,
    /// <c>dynasplit.requests.qos_missed</c>, <c>dynasplit.request.duration</c> (s), <c>dynasplit.request.energy</c> (J),
    /// <c>dynasplit.transfer.bytes</c>, <c>dynasplit.stage.duration</c> (s), <c>dynasplit.reconfiguration.duration</c> (s),
    /// <c>dynasplit.trials</c> and <c>dynasplit.trial.duration</c> (s). Only records what to listen to: nothing is
    /// started until the provider is built. Safe to call more than once (the meter is listened to once).
    /// </summary>
    /// <param name="builder">The meter provider builder (from <c>Sdk.CreateMeterProviderBuilder()</c> or <c>services.AddOpenTelemetry().WithMetrics(...)</c>).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static MeterProviderBuilder AddDynaSplitInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(DynaSplitMetrics.MeterName);
    }
}
