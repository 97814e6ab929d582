using DynaSplit.Scheduling;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// The network a replay runs over: the link follows <see cref="Trace"/>, requests arrive at
/// <see cref="ArrivalRatePerSecond"/>, each recorded transfer is rescaled from <see cref="RecordedLink"/> to the trace,
/// and the serving loop learns the link with a <see cref="LinkEstimator"/>.
/// </summary>
public sealed record NetworkConditions
{
    /// <summary>The link's bandwidth over the simulated time.</summary>
    public required BandwidthTrace Trace { get; init; }

    /// <summary>The bytes each split sends.</summary>
    public required CutSizes CutSizes { get; init; }

    /// <summary>The link the pool was recorded on (see <see cref="TestbedLink.Estimate"/>).</summary>
    public required LinkEstimate RecordedLink { get; init; }

    /// <summary>Requests per second of a Poisson arrival process; null: each request arrives when the previous one is done.</summary>
    public double? ArrivalRatePerSecond { get; init; }

    /// <summary>
    /// How the serving loop's link estimator weighs transfers; without a prior, it starts from <see cref="RecordedLink"/>.
    /// Default: the estimator's defaults, forgetting after 10 s without a bandwidth sample (so a strategy that stopped
    /// using the link while it was slow tries it again; see docs/scheduling.md for the measurement behind the value).
    /// </summary>
    public LinkEstimatorOptions Estimator { get; init; } = new() { ForgetAfter = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Idle probing (as <see cref="LinkProber"/> does live): when the serving loop's estimator saw no bandwidth sample
    /// for <see cref="LinkProbeOptions.Interval"/> and the link is idle until the next arrival, a probe of
    /// <see cref="ProbeBytes"/> crosses the link at the trace's rate and the estimator learns from it. Null (default):
    /// no probes. Probes cost link time (a request arriving during one waits) but no energy in this model; with
    /// requests back to back the link is never idle, so nothing is probed.
    /// </summary>
    public LinkProbeOptions? Probe { get; init; }

    /// <summary>Bytes of one probe (at least the estimator's <see cref="LinkEstimatorOptions.MinBandwidthSampleBytes"/> to teach it the bandwidth); default 128 KiB.</summary>
    public long ProbeBytes { get; init; } = 128 * 1024;

    /// <summary>Checks the values; throws an <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Trace);
        ArgumentNullException.ThrowIfNull(CutSizes);
        if (!(RecordedLink.BandwidthBitsPerSecond > 0) || !double.IsFinite(RecordedLink.BandwidthBitsPerSecond))
        {
            throw new ArgumentException($"NetworkConditions.RecordedLink needs a positive bandwidth; got {RecordedLink}.");
        }

        if (ArrivalRatePerSecond is { } rate && (!(rate > 0) || !double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(ArrivalRatePerSecond), rate, "The arrival rate must be a positive number of requests per second.");
        }

        Estimator.Validate();
        Probe?.Validate();
        if (Probe is not null && ProbeBytes < Estimator.MinBandwidthSampleBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeBytes), ProbeBytes, $"NetworkConditions.ProbeBytes must be at least the estimator's MinBandwidthSampleBytes ({Estimator.MinBandwidthSampleBytes}), or the probes teach nothing.");
        }
    }
}
