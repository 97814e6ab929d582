namespace DynaSplit.Energy.Ina.I2c;

/// <summary>The INA219 shunt PGA setting (configuration bits 12-11) and its full-scale shunt voltage.</summary>
public enum Ina219Gain
{
    /// <summary>Gain 1, ±40 mV.</summary>
    Range40mV = 0,

    /// <summary>Gain /2, ±80 mV.</summary>
    Range80mV = 1,

    /// <summary>Gain /4, ±160 mV.</summary>
    Range160mV = 2,

    /// <summary>Gain /8, ±320 mV (power-on default).</summary>
    Range320mV = 3,
}
