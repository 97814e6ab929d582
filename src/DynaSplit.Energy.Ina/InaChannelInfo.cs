namespace DynaSplit.Energy.Ina;

/// <summary>One INA power channel found under the sysfs root.</summary>
/// <param name="Label">The channel's label (inN_label or rail_name_N, such as VDD_IN or POM_5V_IN; for ina2xx "chip@i2c-device").</param>
/// <param name="Driver">The kernel interface it is read through.</param>
/// <param name="Chip">The chip name the driver reports (ina219, ina226, ina3221, ina3221x).</param>
/// <param name="DevicePath">The hwmon or iio directory.</param>
/// <param name="Index">The channel number in that directory (1-based for hwmon, 0-based for iio).</param>
/// <param name="UpdateInterval">The sensor's refresh interval (update_interval), when it reports one.</param>
public sealed record InaChannelInfo(string Label, InaDriver Driver, string Chip, string DevicePath, int Index, TimeSpan? UpdateInterval)
{
    /// <summary>The file(s) a reading of this channel reads, for messages.</summary>
    public string PowerPath => Driver switch
    {
        InaDriver.Ina2xxHwmon => Path.Combine(DevicePath, "power1_input"),
        InaDriver.Ina3221Hwmon => Path.Combine(DevicePath, $"in{Index}_input"),
        _ => Path.Combine(DevicePath, $"in_power{Index}_input"),
    };
}
