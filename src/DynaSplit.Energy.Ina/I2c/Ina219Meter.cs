using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Ina.Logging;

namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// Energy from an INA219 read directly over I2C. Creating the meter opens the device and reads its configuration
/// register (nothing is written); a missing bus or chip makes it unavailable, never throws. The first window writes
/// the configuration and calibration; disposing the meter restores what the chip had before.
/// </summary>
public sealed class Ina219Meter : IEnergyMeter, IDisposable
{
    private readonly Ina219MeterOptions _options;
    private readonly TimeProvider? _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Ina219? _chip;
    private SampledEnergyMeter? _inner;

    /// <summary>Opens /dev/i2c-{BusId} at {Address} through System.Device.I2c.</summary>
    public Ina219Meter(string name, Ina219MeterOptions options, ILogger<Ina219Meter>? logger = null)
        : this(name, options, () => I2cRegisterDevice.Open(options.BusId, options.Address), null, logger)
    {
    }

    /// <summary>Uses <paramref name="deviceFactory"/> for the chip's registers (tests pass a register file in memory).</summary>
    public Ina219Meter(string name, Ina219MeterOptions options, Func<II2cRegisterDevice> deviceFactory, TimeProvider? clock = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deviceFactory);
        Name = name;
        _options = options;
        _clock = clock;
        _logger = logger ?? NullLogger.Instance;
        II2cRegisterDevice? device = null;
        try
        {
            device = deviceFactory();
            var config = device.Read(Ina219Registers.Configuration);
            _chip = new Ina219(device);
            Availability = EnergyMeterAvailability.Available;
            _logger.FoundIna219(device.Description, config);
        }
        catch (Exception ex)
        {
            device?.Dispose();
            Availability = EnergyMeterAvailability.Unavailable(
                $"No INA219 at i2c-{options.BusId} address 0x{options.Address:x2}: {ex.Message}. Enable I2C (dtparam=i2c_arm=on), check the wiring and the address with 'i2cdetect -y {options.BusId}'.");
            _logger.MeterUnavailable(name, Availability.Reason);
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public EnergyMeterAvailability Availability { get; }

    /// <summary>The calibration in use once a window started.</summary>
    public Ina219Calibration? Calibration => _chip?.Calibration;

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken)
    {
        if (_chip is null)
        {
            throw new InvalidOperationException($"Energy meter '{Name}' is unavailable: {Availability.Reason}");
        }

        lock (_gate)
        {
            if (_inner is null)
            {
                var calibration = Ina219Calibration.Compute(_options.ShuntOhms, _options.MaxExpectedAmps, _options.RoundCurrentLsb);
                var configuration = _chip.Configure(calibration, _options.BusRange, _options.Adc);
                var label = _options.Label ?? $"ina219@i2c-{_options.BusId}-0x{_options.Address:x2}";
                var sensor = new Ina219PowerSensor(Name, label, _chip, configuration.ConversionTime);
                _inner = new SampledEnergyMeter(Name, sensor, _options.SamplingInterval, _clock);
                _logger.Ina219Configured(_chip.Description, configuration.ToRegister(), calibration.Calibration, calibration.CurrentLsb, calibration.PowerLsb, _inner.Interval);
            }
        }

        return _inner.StartAsync(cancellationToken);
    }

    /// <summary>Restores the chip's configuration and calibration and closes the device.</summary>
    public void Dispose() => _chip?.Dispose();
}
