using DynaSplit.Energy;
using DynaSplit.Energy.Ina;
using DynaSplit.Energy.Ina.I2c;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Registers INA energy meters on the DynaSplit builder.</summary>
public static class InaBuilderExtensions
{
    /// <summary>
    /// Adds an energy meter over the INA sensors Linux exposes in sysfs (hwmon ina2xx and ina3221, Jetson L4T iio
    /// ina3221x). Options are validated at start; a machine without the sensor gets an unavailable meter, not an error.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Sets the sysfs root, the channels (by label) and the sampling interval.</param>
    /// <param name="name">The meter's name (and its options' name); readings carry it as their source.</param>
    public static IDynaSplitBuilder AddInaHwmonMeter(this IDynaSplitBuilder builder, Action<InaHwmonMeterOptions>? configure = null, string name = "ina")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<InaHwmonMeterOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InaHwmonMeterOptions>, InaHwmonMeterOptionsValidator>());
        builder.Services.AddSingleton<IEnergyMeter>(sp => new InaHwmonMeter(
            name,
            sp.GetRequiredService<IOptionsMonitor<InaHwmonMeterOptions>>().Get(name),
            sp.GetService<ILogger<InaHwmonMeter>>()));
        return builder;
    }

    /// <summary>
    /// Adds an energy meter over an INA219 read directly over I2C (a board wired without a kernel driver). The
    /// configuration and calibration registers are computed from the shunt and the expected maximum current, written
    /// at the first window and restored when the host stops. A missing bus or chip gives an unavailable meter.
    /// </summary>
    /// <param name="builder">The DynaSplit builder.</param>
    /// <param name="configure">Sets the bus, address, shunt, expected current and ADC settings.</param>
    /// <param name="name">The meter's name (and its options' name).</param>
    public static IDynaSplitBuilder AddIna219I2cMeter(this IDynaSplitBuilder builder, Action<Ina219MeterOptions>? configure = null, string name = "ina219")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<Ina219MeterOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Ina219MeterOptions>, Ina219MeterOptionsValidator>());
        builder.Services.AddSingleton<IEnergyMeter>(sp => new Ina219Meter(
            name,
            sp.GetRequiredService<IOptionsMonitor<Ina219MeterOptions>>().Get(name),
            sp.GetService<ILogger<Ina219Meter>>()));
        return builder;
    }
}
