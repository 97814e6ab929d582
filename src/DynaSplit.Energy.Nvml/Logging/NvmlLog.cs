using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Nvml.Logging;

/// <summary>The log messages of DynaSplit.Energy.Nvml (event ids 5200-5299, listed in docs/logging.md).</summary>
internal static partial class NvmlLog
{
    /// <summary>Information, not a warning: most machines have no NVIDIA driver, and that is not a fault.</summary>
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Energy meter {Meter} is unavailable: {Reason}")]
    public static partial void LibraryNotLoaded(this ILogger logger, string meter, string? reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Energy meter {Meter}: GPU {Index} ({Gpu}) measured by {Mode}.")]
    public static partial void GpuMeasured(this ILogger logger, string meter, int index, string gpu, NvmlMeasurementMode mode);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Energy meter {Meter} is unavailable: {Reason}")]
    public static partial void MeterUnavailable(this ILogger logger, string meter, string? reason);
}
