namespace DynaSplit.Energy.Ina.I2c;

/// <summary>The INA219 ADC resolution or averaging setting (configuration BADC bits 10-7, SADC bits 6-3).</summary>
public enum Ina219Adc
{
    /// <summary>9 bit, 84 µs.</summary>
    Bits9 = 0x0,

    /// <summary>10 bit, 148 µs.</summary>
    Bits10 = 0x1,

    /// <summary>11 bit, 276 µs.</summary>
    Bits11 = 0x2,

    /// <summary>12 bit, 532 µs (power-on default).</summary>
    Bits12 = 0x3,

    /// <summary>12 bit, 2 samples averaged, 1.06 ms.</summary>
    Samples2 = 0x9,

    /// <summary>4 samples averaged, 2.13 ms.</summary>
    Samples4 = 0xA,

    /// <summary>8 samples averaged, 4.26 ms.</summary>
    Samples8 = 0xB,

    /// <summary>16 samples averaged, 8.51 ms.</summary>
    Samples16 = 0xC,

    /// <summary>32 samples averaged, 17.02 ms.</summary>
    Samples32 = 0xD,

    /// <summary>64 samples averaged, 34.05 ms.</summary>
    Samples64 = 0xE,

    /// <summary>128 samples averaged, 68.10 ms.</summary>
    Samples128 = 0xF,
}
