namespace DynaSplit.Energy.Ina.I2c;

/// <summary>A decoded INA219 bus voltage register.</summary>
/// <param name="Volts">Bus voltage, V.</param>
/// <param name="ConversionReady">CNVR: a conversion completed since the power register was last read.</param>
/// <param name="Overflow">OVF: the power or current calculation is out of range; current and power are not valid.</param>
public readonly record struct Ina219BusVoltage(double Volts, bool ConversionReady, bool Overflow)
{
    /// <summary>Decodes the register value.</summary>
    public static Ina219BusVoltage FromRegister(ushort value) => new(
        (value >> 3) * Ina219Registers.BusVoltageLsb,
        (value & Ina219Registers.ConversionReadyBit) != 0,
        (value & Ina219Registers.OverflowBit) != 0);
}
