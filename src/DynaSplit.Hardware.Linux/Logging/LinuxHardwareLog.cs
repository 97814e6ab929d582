using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Logging;

/// <summary>The log messages of DynaSplit.Hardware.Linux (event ids 6000-6099, listed in docs/logging.md).</summary>
internal static partial class LinuxHardwareLog
{
    /// <summary>Information, not Debug: after a SIGKILL, the log is where the original state can be found again.</summary>
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Knob}: recorded the original state {State} ({Description}); it is restored when the knob is restored or disposed")]
    public static partial void OriginalStateRecorded(this ILogger logger, string knob, object state, string description);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "{Knob} set to {Value}")]
    public static partial void KnobSet(this ILogger logger, string knob, string value);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "{Knob}: restored {State}")]
    public static partial void KnobRestored(this ILogger logger, string knob, object state);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void NotSettled(this ILogger logger, string message);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "{Summary}")]
    public static partial void NoKnobsFound(this ILogger logger, string summary);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "{Summary}")]
    public static partial void KnobsFound(this ILogger logger, string summary);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Restoring {Knob} failed")]
    public static partial void RestoreFailed(this ILogger logger, Exception exception, string knob);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Error, Message = "Restoring the Linux hardware at shutdown failed")]
    public static partial void RestoreAtShutdownFailed(this ILogger logger, Exception exception);
}
