using Microsoft.Extensions.Logging;

namespace DynaSplit.Energy.Rapl.Logging;

/// <summary>The log messages of DynaSplit.Energy.Rapl (event ids 5300-5399, listed in docs/logging.md).</summary>
internal static partial class RaplLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Energy meter {Meter} is unavailable: {Reason}")]
    public static partial void MeterUnavailable(this ILogger logger, string meter, string? reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Energy meter {Meter} measures RAPL zones {Zones}, read every {Interval}.")]
    public static partial void MeterReady(this ILogger logger, string meter, string zones, TimeSpan interval);

    [LoggerMessage(EventId = 5310, Level = LogLevel.Warning, Message = "Powercap zone {Path} lacks name, energy_uj or a positive max_energy_range_uj; skipped.")]
    public static partial void ZoneIncomplete(this ILogger logger, string path);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Information, Message = "Found RAPL zone {Id} ({Name}) at {Path}, wraps at {Max} µJ.")]
    public static partial void ZoneFound(this ILogger logger, string id, string name, string path, long max);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Information, Message = "No RAPL zones under {Root}.")]
    public static partial void NoZones(this ILogger logger, string root);
}
