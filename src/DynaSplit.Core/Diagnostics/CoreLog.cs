using Microsoft.Extensions.Logging;

namespace DynaSplit.Diagnostics;

/// <summary>Log messages of the core's hardware and testbed classes (event ids 1100-1199 hardware, 1300-1399 testbed).</summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1101, EventName = "KnobRestoreFailed", Level = LogLevel.Error,
        Message = "Restoring hardware knob {Knob} failed; it stays in the scope to be retried")]
    public static partial void KnobRestoreFailed(ILogger logger, Exception exception, string knob);

    [LoggerMessage(EventId = 1301, EventName = "TrialMeasured", Level = LogLevel.Information,
        Message = "Trial {Configuration}: {Latency:F2} ms, {Energy:F4} J per inference ({Kind}, {Inferences} inferences)")]
    public static partial void TrialMeasured(ILogger logger, string configuration, double latency, double energy, Energy.EnergyReadingKind kind, int inferences);
}
