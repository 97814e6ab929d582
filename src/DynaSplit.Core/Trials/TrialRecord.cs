using DynaSplit.Spaces;

namespace DynaSplit.Trials;

/// <summary>One trial of the offline phase: a configuration and what came of measuring it.</summary>
/// <param name="Number">0-based order in which the trial was started.</param>
/// <param name="Configuration">The configuration measured.</param>
/// <param name="Status">Complete or failed.</param>
/// <param name="Measurement">The measurement of a complete trial.</param>
/// <param name="Error">Why a failed trial failed.</param>
/// <param name="StartedAt">When the trial started.</param>
/// <param name="CompletedAt">When the trial ended.</param>
public sealed record TrialRecord(
    int Number,
    Configuration Configuration,
    TrialStatus Status,
    TrialMeasurement? Measurement,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt);
