using DynaSplit.Energy;
using DynaSplit.Energy.Estimation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers the energy estimator on the DynaSplit builder.</summary>
public static class EstimationBuilderExtensions
{
    /// <summary>
    /// Adds an energy meter that estimates from CPU utilisation (idle W + active W × CPU share), for hosts with no
    /// sensor. Its readings are labelled Estimated. IdleWatts and ActiveWatts must be set; options are validated at start.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Sets the model's watts, the cores and the CPU-time scope.</param>
    /// <param name="name">The meter's name (and its options' name).</param>
    public static IDynaSplitBuilder AddEstimatedEnergyMeter(this IDynaSplitBuilder builder, Action<EstimatedEnergyMeterOptions> configure, string name = "estimated")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddOptions<EstimatedEnergyMeterOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EstimatedEnergyMeterOptions>, EstimatedEnergyMeterOptionsValidator>());
        builder.Services.AddSingleton<IEnergyMeter>(sp => new EstimatedEnergyMeter(
            name,
            sp.GetRequiredService<IOptionsMonitor<EstimatedEnergyMeterOptions>>().Get(name),
            sp.GetService<ILogger<EstimatedEnergyMeter>>()));
        return builder;
    }
}
