namespace DynaSplit.Energy.Ina;

/// <summary>Options of the INA sysfs meter (hwmon ina2xx and ina3221, Jetson L4T iio ina3221x).</summary>
public sealed class InaHwmonMeterOptions
{
    /// <summary>The sysfs root to search (tests and containers point it at a copy). Default "/sys".</summary>
    public string SysfsRoot { get; set; } = "/sys";

    /// <summary>
    /// The channel labels to measure, case-insensitive (for example VDD_IN, or VDD_CPU_GPU_CV and VDD_SOC; on a Jetson
    /// Nano POM_5V_IN). Empty: every channel found. The window's energy is the sum of these channels and each one is
    /// a part of the reading; do not select a total rail together with the rails it feeds, or energy counts twice.
    /// </summary>
    public IList<string> Channels { get; set; } = [];

    /// <summary>The sampling interval; null takes the sensor's update_interval (10 ms when it reports none).</summary>
    public TimeSpan? SamplingInterval { get; set; }
}
