using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization;

/// <summary>The offline phase's log messages (event ids 1200-1299).</summary>
internal static partial class OfflinePhaseLog
{
    [LoggerMessage(EventId = 1201, EventName = "AccuracyDropped", Level = LogLevel.Information,
        Message = "Offline phase: the testbed measures no accuracy (give it a labelled input set or an accuracy source), so the objectives are latency and energy")]
    public static partial void AccuracyDropped(ILogger logger);

    [LoggerMessage(EventId = 1202, EventName = "Started", Level = LogLevel.Information,
        Message = "Offline phase: {Optimizer} over {Valid} valid configurations, budget {Budget}, seed {Seed}, {Stored} trials in the store")]
    public static partial void Started(ILogger logger, string optimizer, int valid, int budget, int seed, int stored);

    [LoggerMessage(EventId = 1203, EventName = "WarmStart", Level = LogLevel.Information,
        Message = "Offline phase: {Optimizer} warm-started from {Stored} stored trials ({Completed} complete, {Failed} failed)")]
    public static partial void WarmStart(ILogger logger, string optimizer, int stored, int completed, int failed);

    [LoggerMessage(EventId = 1204, EventName = "NothingToPropose", Level = LogLevel.Information,
        Message = "The optimizer has nothing left to propose after {Completed} of {Budget} configurations")]
    public static partial void NothingToPropose(ILogger logger, int completed, int budget);

    [LoggerMessage(EventId = 1205, EventName = "OnlyKnownProposals", Level = LogLevel.Warning,
        Message = "Optimizer {Optimizer} proposed only configurations already measured for {Batches} batches; stopping at {Completed} of {Budget}")]
    public static partial void OnlyKnownProposals(ILogger logger, string optimizer, int batches, int completed, int budget);

    [LoggerMessage(EventId = 1206, EventName = "Done", Level = LogLevel.Information,
        Message = "Offline phase done: {Completed} configurations ({Measured} measured now, {Reused} from the store, {Failed} failed), {Pareto} in the Pareto set")]
    public static partial void Done(ILogger logger, int completed, int measured, int reused, int failed, int pareto);

    [LoggerMessage(EventId = 1207, EventName = "TrialMeasured", Level = LogLevel.Debug,
        Message = "Trial {Number} {Configuration}: {Latency:F1} ms, {Energy:F3} J")]
    public static partial void TrialMeasured(ILogger logger, int number, string configuration, double latency, double energy);

    [LoggerMessage(EventId = 1208, EventName = "TrialFailed", Level = LogLevel.Warning,
        Message = "Trial {Number} {Configuration} failed")]
    public static partial void TrialFailed(ILogger logger, Exception exception, int number, string configuration);

    [LoggerMessage(EventId = 1209, EventName = "TrialNotFinite", Level = LogLevel.Warning,
        Message = "Trial {Number} {Configuration} is recorded as failed: {Reason}")]
    public static partial void TrialNotFinite(ILogger logger, int number, string configuration, string reason);
}
