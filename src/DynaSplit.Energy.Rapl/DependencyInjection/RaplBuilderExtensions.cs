using DynaSplit.Energy;
using DynaSplit.Energy.Rapl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers the RAPL energy meter on the DynaSplit builder.</summary>
public static class RaplBuilderExtensions
{
    /// <summary>
    /// Adds an energy meter over the RAPL counters (CPU packages by default). Options are validated at start; a host
    /// without RAPL, or without permission to read it, gets an unavailable meter, not an error.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Sets the sysfs root, the zones and the poll interval.</param>
    /// <param name="name">The meter's name (and its options' name).</param>
    public static IDynaSplitBuilder AddRaplMeter(this IDynaSplitBuilder builder, Action<RaplMeterOptions>? configure = null, string name = "rapl")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<RaplMeterOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RaplMeterOptions>, RaplMeterOptionsValidator>());
        builder.Services.AddSingleton<IEnergyMeter>(sp => new RaplMeter(
            name,
            sp.GetRequiredService<IOptionsMonitor<RaplMeterOptions>>().Get(name),
            sp.GetService<ILogger<RaplMeter>>()));
        return builder;
    }
}
