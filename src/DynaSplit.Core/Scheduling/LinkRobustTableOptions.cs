namespace DynaSplit.Scheduling;

/// <summary>What a <see cref="LinkRobustTable"/> keeps entries for: the link the trials were measured on and the slower links.</summary>
public sealed record LinkRobustTableOptions
{
    /// <summary>The link the trials were measured on (its rate and per-transfer round trip).</summary>
    public required LinkEstimate RecordedLink { get; init; }

    /// <summary>The slower links to also keep Pareto-optimal entries for (for example 1/10 and 1/100 of the recorded rate).</summary>
    public required IReadOnlyList<LinkScenario> Scenarios { get; init; }

    /// <summary>Checks the values; throws an <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        if (!(RecordedLink.BandwidthBitsPerSecond > 0) || !double.IsFinite(RecordedLink.BandwidthBitsPerSecond) || !(RecordedLink.RoundTripMs >= 0))
        {
            throw new ArgumentException($"LinkRobustTableOptions.RecordedLink needs a positive rate and a non-negative round trip; got {RecordedLink}.");
        }

        ArgumentNullException.ThrowIfNull(Scenarios, nameof(Scenarios));
        if (Scenarios.Count == 0)
        {
            throw new ArgumentException("LinkRobustTableOptions.Scenarios is empty; give the slower links to keep entries for, for example LinkScenario.Fraction(0.1).");
        }
    }
}
