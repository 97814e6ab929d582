namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// An INA219 driven directly over I2C: <see cref="Configure"/> writes the configuration and calibration registers
/// (remembering what was there), the Read methods decode the measurement registers, and <see cref="Dispose"/> writes
/// the original configuration and calibration back.
/// </summary>
public sealed class Ina219 : IDisposable
{
    private readonly II2cRegisterDevice _device;
    private readonly bool _ownsDevice;
    private ushort? _originalConfiguration;
    private ushort? _originalCalibration;
    private Ina219Calibration? _calibration;

    /// <summary>Wraps a register device; with <paramref name="ownsDevice"/> disposing this disposes it.</summary>
    public Ina219(II2cRegisterDevice device, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _ownsDevice = ownsDevice;
    }

    /// <summary>Where the chip is, for messages.</summary>
    public string Description => _device.Description;

    /// <summary>The calibration written by <see cref="Configure"/>, or null before.</summary>
    public Ina219Calibration? Calibration => _calibration;

    /// <summary>
    /// Writes the configuration (with the PGA the calibration chose) and the calibration register, then reads both
    /// back to verify them.
    /// </summary>
    /// <exception cref="IOException">The bus failed, or the chip did not keep the values written (wrong address, not an INA219).</exception>
    public Ina219Configuration Configure(Ina219Calibration calibration, Ina219BusRange busRange = Ina219BusRange.Range32V, Ina219Adc adc = Ina219Adc.Bits12)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        _originalConfiguration ??= _device.Read(Ina219Registers.Configuration);
        _originalCalibration ??= _device.Read(Ina219Registers.Calibration);
        var configuration = new Ina219Configuration(busRange, calibration.Gain, adc, adc);
        var value = configuration.ToRegister();
        _device.Write(Ina219Registers.Configuration, value);
        _device.Write(Ina219Registers.Calibration, calibration.Calibration);
        var readConfig = _device.Read(Ina219Registers.Configuration);
        var readCal = _device.Read(Ina219Registers.Calibration);
        if (readConfig != value || readCal != calibration.Calibration)
        {
            throw new IOException(
                $"INA219 at {Description} did not keep its settings (wrote configuration 0x{value:x4} and calibration {calibration.Calibration}, read back 0x{readConfig:x4} and {readCal}); check the I2C address and that the chip is an INA219.");
        }

        _calibration = calibration;
        return configuration;
    }

    /// <summary>Reads the shunt voltage, V (signed).</summary>
    public double ReadShuntVoltage() => (short)_device.Read(Ina219Registers.ShuntVoltage) * Ina219Registers.ShuntVoltageLsb;

    /// <summary>Reads the bus voltage register: voltage, conversion-ready and overflow flags.</summary>
    public Ina219BusVoltage ReadBusVoltage() => Ina219BusVoltage.FromRegister(_device.Read(Ina219Registers.BusVoltage));

    /// <summary>Reads the current register, A (signed).</summary>
    /// <exception cref="InvalidOperationException">The chip is not calibrated yet.</exception>
    public double ReadCurrent() => (short)_device.Read(Ina219Registers.Current) * RequireCalibration().CurrentLsb;

    /// <summary>Reads the power register, W.</summary>
    /// <exception cref="InvalidOperationException">The chip is not calibrated yet.</exception>
    public double ReadPower() => _device.Read(Ina219Registers.Power) * RequireCalibration().PowerLsb;

    /// <summary>Writes the configuration and calibration found before <see cref="Configure"/> back, and releases the device.</summary>
    public void Dispose()
    {
        try
        {
            if (_originalConfiguration is { } config)
            {
                _device.Write(Ina219Registers.Configuration, config);
            }

            if (_originalCalibration is { } cal)
            {
                _device.Write(Ina219Registers.Calibration, cal);
            }
        }
        finally
        {
            _originalConfiguration = null;
            _originalCalibration = null;
            if (_ownsDevice)
            {
                _device.Dispose();
            }
        }
    }

    private Ina219Calibration RequireCalibration() =>
        _calibration ?? throw new InvalidOperationException($"INA219 at {Description} is not calibrated: call Configure first (the current and power registers read 0 until then).");
}
