namespace DynaSplit.Topology;

/// <summary>The network link that carries cut tensors from one tier to the next.</summary>
/// <param name="From">The sending tier's name.</param>
/// <param name="To">The receiving tier's name.</param>
public sealed record Link(string From, string To)
{
    /// <summary>The link's rate, bits per second, when known.</summary>
    public double? RateBitsPerSecond { get; init; }

    /// <summary>The round-trip time of a small message, ms, when known.</summary>
    public double? RoundTripMs { get; init; }

    /// <summary>Energy the sender spends per bit, J, when known.</summary>
    public double? SenderJoulesPerBit { get; init; }

    /// <summary>Energy the receiver spends per bit, J, when known.</summary>
    public double? ReceiverJoulesPerBit { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{From}->{To}";
}
