namespace DynaSplit.Scheduling;

/// <summary>What is known of the link to the next tier when a request is scheduled.</summary>
/// <param name="BandwidthBitsPerSecond">The estimated rate for large transfers, bits per second.</param>
/// <param name="RoundTripMs">The estimated round-trip time of a small message, ms.</param>
/// <param name="Samples">How many transfers the estimate is built from (0: a prior, not a measurement).</param>
public readonly record struct LinkEstimate(double BandwidthBitsPerSecond, double RoundTripMs, int Samples)
{
    /// <summary>The time to move <paramref name="bytes"/> over the link, ms: the round trip plus the bytes at the estimated rate.</summary>
    public double TransferMs(long bytes) => RoundTripMs + (bytes * 8.0 * 1000.0 / BandwidthBitsPerSecond);
}
