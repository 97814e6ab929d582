namespace DynaSplit.Scheduling;

/// <summary>How a <see cref="LinkEstimator"/> weighs what it sees (validated when the estimator is created).</summary>
public sealed record LinkEstimatorOptions
{
    /// <summary>
    /// Half-life of the fast average, in seconds of transfer time (not wall-clock time: an idle link teaches nothing).
    /// The fast average follows a sudden drop; default 0.2 s.
    /// </summary>
    public double FastHalfLifeSeconds { get; init; } = 0.2;

    /// <summary>
    /// Half-life of the slow average, in seconds of transfer time. The slow average damps a short burst of speed, so
    /// the estimate rises only after the link has been fast for a while; default 0.5 s.
    /// </summary>
    public double SlowHalfLifeSeconds { get; init; } = 0.5;

    /// <summary>
    /// Transfers smaller than this teach nothing about the bandwidth: their time is mostly round trip and per-message
    /// overhead; default 64 KiB.
    /// </summary>
    public long MinBandwidthSampleBytes { get; init; } = 64 * 1024;

    /// <summary>Transfers of at most this many bytes are taken as round-trip samples; default 8 KiB.</summary>
    public long MaxRoundTripSampleBytes { get; init; } = 8 * 1024;

    /// <summary>
    /// A transfer whose time, less the round trip, is below this share of its whole time is dominated by latency and
    /// ignored for the bandwidth; default 0.25.
    /// </summary>
    public double MinSerializationShare { get; init; } = 0.25;

    /// <summary>Weight of a new round-trip sample in the smoothed round trip (TCP's SRTT gain, RFC 6298: 1/8).</summary>
    public double RoundTripGain { get; init; } = 0.125;

    /// <summary>
    /// What is assumed before anything is measured (null: nothing; the estimate is null until the first bandwidth
    /// sample, and a scheduler falls back to the recorded latencies).
    /// </summary>
    public LinkEstimate? Prior { get; init; }

    /// <summary>
    /// How long the estimate stays trusted without a bandwidth sample; then the estimator forgets what it learnt and
    /// answers its <see cref="Prior"/> again (null until the next sample when there is none). A scheduler that avoids
    /// the link while it is slow stops measuring it, and would never see it recover: forgetting makes it try again,
    /// at most once per this period, with a real request. Null (the default): never forget.
    /// </summary>
    public TimeSpan? ForgetAfter { get; init; }

    /// <summary>Checks every value; throws an <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        static void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"LinkEstimatorOptions.{name} must be a positive, finite number.");
            }
        }

        Positive(FastHalfLifeSeconds, nameof(FastHalfLifeSeconds));
        Positive(SlowHalfLifeSeconds, nameof(SlowHalfLifeSeconds));
        if (FastHalfLifeSeconds > SlowHalfLifeSeconds)
        {
            throw new ArgumentException($"LinkEstimatorOptions.FastHalfLifeSeconds ({FastHalfLifeSeconds}) must not exceed SlowHalfLifeSeconds ({SlowHalfLifeSeconds}).");
        }

        if (MinBandwidthSampleBytes < 1 || MaxRoundTripSampleBytes < 0 || MaxRoundTripSampleBytes >= MinBandwidthSampleBytes)
        {
            throw new ArgumentException($"LinkEstimatorOptions: need 0 <= MaxRoundTripSampleBytes ({MaxRoundTripSampleBytes}) < MinBandwidthSampleBytes ({MinBandwidthSampleBytes}).");
        }

        if (!(MinSerializationShare >= 0 && MinSerializationShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSerializationShare), MinSerializationShare, "LinkEstimatorOptions.MinSerializationShare must be in [0, 1).");
        }

        if (!(RoundTripGain > 0 && RoundTripGain <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RoundTripGain), RoundTripGain, "LinkEstimatorOptions.RoundTripGain must be in (0, 1].");
        }

        if (ForgetAfter is { } forget && forget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ForgetAfter), forget, "LinkEstimatorOptions.ForgetAfter must be positive, or null to never forget.");
        }

        if (Prior is { } prior && (!(prior.BandwidthBitsPerSecond > 0) || !double.IsFinite(prior.BandwidthBitsPerSecond) || !(prior.RoundTripMs >= 0)))
        {
            throw new ArgumentException($"LinkEstimatorOptions.Prior needs a positive bandwidth and a non-negative round trip; got {prior}.");
        }
    }
}
