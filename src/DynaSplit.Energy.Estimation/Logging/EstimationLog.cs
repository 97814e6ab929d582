using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Estimation.Logging;

/// <summary>The log messages of DynaSplit.Energy.Estimation (event ids 5000-5099, listed in docs/logging.md).</summary>
internal static partial class EstimationLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Energy meter {Meter} estimates P = {IdleWatts} W + {ActiveWatts} W x CPU share of {Cores} cores, from {Path} ({Scope}); readings are labelled Estimated.")]
    public static partial void EstimatorReady(this ILogger logger, string meter, double idleWatts, double activeWatts, int cores, string path, CpuTimeScope scope);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Energy meter {Meter} is unavailable: {Reason}")]
    public static partial void MeterUnavailable(this ILogger logger, string meter, string? reason);
}
