using DynaSplit.Energy;
using DynaSplit.Energy.Nvml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers the NVML energy meter on the DynaSplit builder.</summary>
public static class NvmlBuilderExtensions
{
    /// <summary>
    /// Adds an energy meter over NVIDIA GPUs through NVML. Options are validated at start; a machine without NVML
    /// gets an unavailable meter (with the reason), never an exception. The host's disposal shuts NVML down.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Sets the GPUs, the measurement mode and the intervals.</param>
    /// <param name="name">The meter's name (and its options' name).</param>
    public static IDynaSplitBuilder AddNvmlMeter(this IDynaSplitBuilder builder, Action<NvmlMeterOptions>? configure = null, string name = "nvml")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<NvmlMeterOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NvmlMeterOptions>, NvmlMeterOptionsValidator>());
        builder.Services.AddSingleton<IEnergyMeter>(sp => new NvmlMeter(
            name,
            sp.GetRequiredService<IOptionsMonitor<NvmlMeterOptions>>().Get(name),
            sp.GetService<ILogger<NvmlMeter>>()));
        return builder;
    }
}
