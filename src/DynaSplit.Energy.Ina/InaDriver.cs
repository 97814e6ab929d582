namespace DynaSplit.Energy.Ina;

/// <summary>The kernel interface an INA channel is read through.</summary>
public enum InaDriver
{
    /// <summary>hwmon ina2xx driver (INA219, INA220, INA226, INA230, INA231): power1_input, µW.</summary>
    Ina2xxHwmon,

    /// <summary>hwmon ina3221 driver: inN_input (mV) times currN_input (mA).</summary>
    Ina3221Hwmon,

    /// <summary>Jetson L4T 32 iio ina3221x driver (Jetson Nano, TX1, TX2): in_powerN_input, mW, labelled by rail_name_N.</summary>
    Ina3221xIio,
}
