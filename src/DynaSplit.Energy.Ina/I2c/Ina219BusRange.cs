namespace DynaSplit.Energy.Ina.I2c;

/// <summary>The INA219 bus voltage range (configuration bit 13, BRNG).</summary>
public enum Ina219BusRange
{
    /// <summary>16 V full scale.</summary>
    Range16V = 0,

    /// <summary>32 V full scale (power-on default).</summary>
    Range32V = 1,
}
