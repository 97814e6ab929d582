namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// Power from an INA219 over I2C: reads the bus voltage register (for the overflow flag) and the power register.
/// An overflow fails the read: the chip's current or power is out of range, so any figure would be wrong.
/// </summary>
public sealed class Ina219PowerSensor : IPowerSensor
{
    private readonly Ina219 _chip;

    /// <summary>Creates the sensor over a configured chip.</summary>
    public Ina219PowerSensor(string name, string channel, Ina219 chip, TimeSpan conversionTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(chip);
        Name = name;
        Channels = [channel];
        _chip = chip;
        UpdateInterval = conversionTime;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Channels { get; }

    /// <inheritdoc />
    public EnergyReadingKind Kind => EnergyReadingKind.Measured;

    /// <inheritdoc />
    public TimeSpan? UpdateInterval { get; }

    /// <inheritdoc />
    public void ReadWatts(Span<double> watts)
    {
        var bus = _chip.ReadBusVoltage();
        if (bus.Overflow)
        {
            throw new InvalidOperationException(
                $"INA219 at {_chip.Description} reports overflow: the current exceeds {_chip.Calibration?.MaxCurrentBeforeOverflow:0.###} A. Raise MaxExpectedAmps (or use a smaller shunt).");
        }

        watts[0] = _chip.ReadPower();
    }
}
