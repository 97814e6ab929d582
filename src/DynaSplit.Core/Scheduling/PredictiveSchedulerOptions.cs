namespace DynaSplit.Scheduling;

/// <summary>How a <see cref="PredictiveScheduler"/> predicts and how much room it leaves (validated when it is created).</summary>
public sealed record PredictiveSchedulerOptions
{
    /// <summary>
    /// Share of the threshold kept in reserve: an entry qualifies when its predicted latency is at most
    /// threshold × (1 - this) - <see cref="SafetyMarginMs"/>. Default 0: the published rule's own test.
    /// </summary>
    public double SafetyMarginFraction { get; init; }

    /// <summary>Milliseconds kept in reserve (see <see cref="SafetyMarginFraction"/>). Default 0.</summary>
    public double SafetyMarginMs { get; init; }

    /// <summary>
    /// Whether an entry's energy is rescaled with its predicted transfer time: the edge is assumed to draw, while it
    /// waits for the transfer, its mean power over the entry's edge and transfer time (edge J / (edge ms + transfer ms));
    /// the cloud's energy is left as recorded (it is measured over its compute only). Needs the entry's latency and
    /// energy breakdowns; an entry without them keeps its recorded energy. Default true.
    /// </summary>
    public bool ScaleTransferEnergy { get; init; } = true;

    /// <summary>
    /// The link the table was measured on, when known. Then an entry's transfer is predicted from its own recorded
    /// transfer: what the recorded link's serialization (bytes × 8 / its rate) leaves of it (round trip, framing, the
    /// trial's noise) is kept, with the round trip moved by the estimate's change, and the serialization at the
    /// estimated rate is added; on the recorded link the prediction is the recorded latency. When null, the transfer is
    /// the estimate's round trip plus bytes at the estimated rate.
    /// </summary>
    public LinkEstimate? RecordedLink { get; init; }

    /// <summary>The strategy's name; default "predictive".</summary>
    public string Name { get; init; } = "predictive";

    /// <summary>Checks every value; throws an <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        if (!(SafetyMarginFraction >= 0 && SafetyMarginFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMarginFraction), SafetyMarginFraction, "PredictiveSchedulerOptions.SafetyMarginFraction must be in [0, 1).");
        }

        if (!(SafetyMarginMs >= 0) || !double.IsFinite(SafetyMarginMs))
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMarginMs), SafetyMarginMs, "PredictiveSchedulerOptions.SafetyMarginMs must be a finite, non-negative number of ms.");
        }

        ArgumentException.ThrowIfNullOrEmpty(Name, nameof(Name));
        if (RecordedLink is { } recorded && (!(recorded.BandwidthBitsPerSecond > 0) || !double.IsFinite(recorded.BandwidthBitsPerSecond) || !(recorded.RoundTripMs >= 0)))
        {
            throw new ArgumentException($"PredictiveSchedulerOptions.RecordedLink needs a positive bandwidth and a non-negative round trip; got {recorded}.");
        }
    }
}
