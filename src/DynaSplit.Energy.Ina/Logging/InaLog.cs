using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Ina.Logging;

/// <summary>The log messages of DynaSplit.Energy.Ina (event ids 5100-5199, listed in docs/logging.md).</summary>
internal static partial class InaLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Energy meter {Meter} is unavailable: {Reason}")]
    public static partial void MeterUnavailable(this ILogger logger, string meter, string? reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Energy meter {Meter} measures {Channels}, sampled every {Interval}.")]
    public static partial void HwmonMeterReady(this ILogger logger, string meter, string channels, TimeSpan interval);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "INA sensor {Chip} at {Path} has no power1_input; skipped.")]
    public static partial void SensorWithoutPower(this ILogger logger, string chip, string path);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Found {Chip} (hwmon ina2xx) at {Path}: channel {Label}, update interval {Interval}.")]
    public static partial void FoundIna2xx(this ILogger logger, string chip, string path, string label, string interval);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "ina3221 at {Path}: channel {Channel} is disabled (its in<N>_enable attribute is 0); skipped.")]
    public static partial void Ina3221ChannelDisabled(this ILogger logger, string path, int channel);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Information, Message = "Found ina3221 (hwmon) at {Path}: channels {Labels}, update interval {Interval}.")]
    public static partial void FoundIna3221(this ILogger logger, string path, string labels, string interval);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Information, Message = "Found ina3221x (Jetson L4T iio) at {Path}: rails {Labels}.")]
    public static partial void FoundIna3221x(this ILogger logger, string path, string labels);

    [LoggerMessage(EventId = 5115, Level = LogLevel.Information, Message = "No INA power sensors under {Root} (looked in class/hwmon for ina2xx/ina3221 and in bus/iio/devices for ina3221x).")]
    public static partial void NoSensors(this ILogger logger, string root);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Found INA219 at {Device} (configuration register 0x{Config:x4}).")]
    public static partial void FoundIna219(this ILogger logger, string device, ushort config);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "INA219 at {Device} configured: 0x{Config:x4}, calibration {Calibration}, Current_LSB {CurrentLsb} A, Power_LSB {PowerLsb} W, sampled every {Interval}.")]
    public static partial void Ina219Configured(this ILogger logger, string device, ushort config, ushort calibration, double currentLsb, double powerLsb, TimeSpan interval);
}
