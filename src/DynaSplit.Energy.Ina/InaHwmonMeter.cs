using DynaSplit.Energy.Ina.Sysfs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Ina.Logging;

namespace DynaSplit.Energy.Ina;

/// <summary>
/// Energy from INA shunt monitors through Linux sysfs (hwmon ina2xx and ina3221, Jetson L4T iio ina3221x): the
/// selected channels are polled on a dedicated thread and integrated (trapezoidal rule). Creating it never throws
/// for a missing sensor: <see cref="Availability"/> says what was not found.
/// </summary>
public sealed class InaHwmonMeter : IEnergyMeter
{
    private readonly SampledEnergyMeter? _inner;

    /// <summary>Discovers the sensors under <see cref="InaHwmonMeterOptions.SysfsRoot"/> and selects the channels.</summary>
    public InaHwmonMeter(string name, InaHwmonMeterOptions options, ILogger<InaHwmonMeter>? logger = null)
        : this(name, options, new SysfsReader(SysfsReader.SamplingReopenInterval), null, logger)
    {
    }

    internal InaHwmonMeter(string name, InaHwmonMeterOptions options, ISysfsReader reader, TimeProvider? clock, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        logger ??= NullLogger.Instance;
        var found = InaDiscovery.Discover(options.SysfsRoot, reader, logger);
        if (found.Count == 0)
        {
            Availability = EnergyMeterAvailability.Unavailable(
                $"No INA power sensor under '{Path.GetFullPath(options.SysfsRoot)}' (class/hwmon ina2xx/ina3221, bus/iio/devices ina3221x): load the ina2xx or ina3221 driver (device tree overlay or 'echo ina219 0x40 > /sys/bus/i2c/devices/i2c-1/new_device'), or use AddIna219I2cMeter for a sensor without a driver.");
            logger.MeterUnavailable(name, Availability.Reason);
            return;
        }

        var selected = new List<InaChannelInfo>();
        var missing = new List<string>();
        foreach (var label in options.Channels)
        {
            var match = found.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                missing.Add(label);
            }
            else
            {
                selected.Add(match);
            }
        }

        if (missing.Count > 0)
        {
            Availability = EnergyMeterAvailability.Unavailable(
                $"INA channel(s) {string.Join(", ", missing)} not found; this machine has {string.Join(", ", found.Select(c => $"{c.Label} ({c.DevicePath})"))}. Fix InaHwmonMeterOptions.Channels.");
            logger.MeterUnavailable(name, Availability.Reason);
            return;
        }

        if (selected.Count == 0)
        {
            selected.AddRange(found);
        }

        Sensor = new InaSysfsPowerSensor(name, selected, reader);
        _inner = new SampledEnergyMeter(name, Sensor, options.SamplingInterval, clock);
        Availability = EnergyMeterAvailability.Available;
        logger.HwmonMeterReady(name, string.Join(" + ", Sensor.Channels), _inner.Interval);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public EnergyMeterAvailability Availability { get; }

    /// <summary>The sensor polled, when available.</summary>
    public InaSysfsPowerSensor? Sensor { get; }

    /// <summary>The sampling interval in use, when available.</summary>
    public TimeSpan? SamplingInterval => _inner?.Interval;

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken) =>
        _inner?.StartAsync(cancellationToken) ?? throw new InvalidOperationException($"Energy meter '{Name}' is unavailable: {Availability.Reason}");
}
