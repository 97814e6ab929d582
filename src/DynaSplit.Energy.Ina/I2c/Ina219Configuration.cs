namespace DynaSplit.Energy.Ina.I2c;

/// <summary>
/// The INA219 configuration register (00h): bus range (bit 13), PGA (bits 12-11), bus ADC (bits 10-7), shunt ADC
/// (bits 6-3), mode (bits 2-0; 7 = shunt and bus, continuous).
/// </summary>
/// <param name="BusRange">Bus voltage full scale.</param>
/// <param name="Gain">Shunt voltage full scale.</param>
/// <param name="BusAdc">Bus ADC resolution or averaging.</param>
/// <param name="ShuntAdc">Shunt ADC resolution or averaging.</param>
/// <param name="Mode">Operating mode, 0-7 (7: shunt and bus, continuous).</param>
public readonly record struct Ina219Configuration(Ina219BusRange BusRange, Ina219Gain Gain, Ina219Adc BusAdc, Ina219Adc ShuntAdc, int Mode = 7)
{
    /// <summary>The register value.</summary>
    public ushort ToRegister()
    {
        if (Mode is < 0 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "The INA219 mode is 3 bits (0-7).");
        }

        return (ushort)(((int)BusRange << 13) | ((int)Gain << 11) | ((int)BusAdc << 7) | ((int)ShuntAdc << 3) | Mode);
    }

    /// <summary>Decodes a register value.</summary>
    public static Ina219Configuration FromRegister(ushort value) => new(
        (Ina219BusRange)((value >> 13) & 1),
        (Ina219Gain)((value >> 11) & 3),
        (Ina219Adc)((value >> 7) & 0xF),
        (Ina219Adc)((value >> 3) & 0xF),
        value & 7);

    /// <summary>How long one conversion of both ADCs takes in continuous shunt-and-bus mode: how often new values appear.</summary>
    public TimeSpan ConversionTime => TimeSpan.FromMicroseconds(AdcMicroseconds(BusAdc) + AdcMicroseconds(ShuntAdc));

    /// <summary>The datasheet's conversion time of one ADC setting, µs (Table 8-? ADC Settings).</summary>
    public static double AdcMicroseconds(Ina219Adc adc) => ((int)adc & 0xF) switch
    {
        0x0 or 0x4 => 84,
        0x1 or 0x5 => 148,
        0x2 or 0x6 => 276,
        0x3 or 0x7 or 0x8 => 532,
        0x9 => 1060,
        0xA => 2130,
        0xB => 4260,
        0xC => 8510,
        0xD => 17020,
        0xE => 34050,
        _ => 68100,
    };

    /// <summary>Full-scale shunt voltage of a PGA setting, V.</summary>
    public static double FullScaleShuntVolts(Ina219Gain gain) => 0.04 * (1 << (int)gain);
}
