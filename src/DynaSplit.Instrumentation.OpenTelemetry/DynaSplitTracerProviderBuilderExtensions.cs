using DynaSplit.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Subscribes an OpenTelemetry tracer provider to DynaSplit's spans.</summary>
public static class DynaSplitTracerProviderBuilderExtensions
{
    /// <summary>
    /// Exports the spans DynaSplit emits on the <see cref="DynaSplitActivitySource"/> (<c>request</c> for a served request,
    /// with <c>schedule</c> and <c>reconfigure</c> inside it). Only records what to listen to: nothing is started until
    /// the provider is built. Safe to call more than once (the source is listened to once).
    /// </summary>
    /// <param name="builder">The tracer provider builder (from <c>Sdk.CreateTracerProviderBuilder()</c> or <c>services.AddOpenTelemetry().WithTracing(...)</c>).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TracerProviderBuilder AddDynaSplitInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(DynaSplitActivitySource.Name);
    }
}
