using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization.Diagnostics;

/// <summary>The optimizers' log messages (source-generated; event ids 1400 to 1499).</summary>
internal static partial class OptimizationLog
{
    /// <summary>A generation was selected.</summary>
    [LoggerMessage(EventId = 1401, EventName = "GenerationSelected", Level = LogLevel.Debug,
        Message = "{Algorithm} generation {Generation}: {Parents} parents, {FirstFront} in the first front, {Told} configurations told")]
    public static partial void GenerationSelected(ILogger logger, string algorithm, int generation, int parents, int firstFront, int told);

    /// <summary>Rejection sampling found no new valid configuration; the session stops proposing.</summary>
    [LoggerMessage(EventId = 1402, EventName = "NoUnseenConfigurationFound", Level = LogLevel.Warning,
        Message = "{Algorithm}: no new valid configuration found in {Attempts} random draws; the session stops proposing")]
    public static partial void NoUnseenConfigurationFound(ILogger logger, string algorithm, int attempts);
}
