namespace DynaSplit.Scheduling;

/// <summary>How a <see cref="LinkProber"/> probes an idle link (validated when it is added and when it starts).</summary>
public sealed record LinkProbeOptions
{
    /// <summary>
    /// Probe when no bandwidth sample came for this long, and at most once per this period. Keep it below the
    /// estimator's <see cref="LinkEstimatorOptions.ForgetAfter"/>, so the estimate is refreshed before it is forgotten.
    /// Default 5 s.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one probe may take before it is abandoned (and counted as failed). Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the values; throws an <see cref="ArgumentOutOfRangeException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "LinkProbeOptions.Interval must be positive, for example 5 seconds.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "LinkProbeOptions.Timeout must be positive, for example 10 seconds.");
        }
    }
}
