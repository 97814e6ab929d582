namespace DynaSplit.Placements.Model;

/// <summary>The link that carries a cut feature from one tier to a tier further from the data source.</summary>
/// <remarks>
/// Sending <c>b</c> bits takes <c>b / RateBitsPerSecond</c> seconds and costs
/// <c>b * (SenderJoulesPerBit + ReceiverJoulesPerBit)</c> joules. The names follow the multi-tier core's
/// <c>DynaSplit.Topology.Link</c>.
/// </remarks>
public sealed record TierLink
{
    /// <summary>Creates a link.</summary>
    /// <param name="from">The sending tier's name.</param>
    /// <param name="to">The receiving tier's name.</param>
    /// <param name="rateBitsPerSecond">The link's rate, bits per second (positive; infinity for a free link).</param>
    /// <param name="senderJoulesPerBit">Energy the sender spends per bit, J (non-negative, finite).</param>
    /// <param name="receiverJoulesPerBit">Energy the receiver spends per bit, J (non-negative, finite).</param>
    /// <exception cref="ArgumentException">A name is empty, the tiers are the same, or a number is out of range.</exception>
    public TierLink(string from, string to, double rateBitsPerSecond, double senderJoulesPerBit, double receiverJoulesPerBit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(from);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Link {from}->{to} joins a tier to itself; blocks on the same tier need no link.", nameof(to));
        }

        if (double.IsNaN(rateBitsPerSecond) || rateBitsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateBitsPerSecond), rateBitsPerSecond, $"Link {from}->{to}: the rate must be a positive number of bits per second.");
        }

        if (!(double.IsFinite(senderJoulesPerBit) && senderJoulesPerBit >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(senderJoulesPerBit), senderJoulesPerBit, $"Link {from}->{to}: the sender's energy per bit must be a non-negative number of joules.");
        }

        if (!(double.IsFinite(receiverJoulesPerBit) && receiverJoulesPerBit >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(receiverJoulesPerBit), receiverJoulesPerBit, $"Link {from}->{to}: the receiver's energy per bit must be a non-negative number of joules.");
        }

        From = from;
        To = to;
        RateBitsPerSecond = rateBitsPerSecond;
        SenderJoulesPerBit = senderJoulesPerBit;
        ReceiverJoulesPerBit = receiverJoulesPerBit;
    }

    /// <summary>The sending tier's name.</summary>
    public string From { get; }

    /// <summary>The receiving tier's name.</summary>
    public string To { get; }

    /// <summary>The link's rate, bits per second.</summary>
    public double RateBitsPerSecond { get; }

    /// <summary>Energy the sender spends per bit, J.</summary>
    public double SenderJoulesPerBit { get; }

    /// <summary>Energy the receiver spends per bit, J.</summary>
    public double ReceiverJoulesPerBit { get; }

    /// <inheritdoc />
    public override string ToString() => $"{From}->{To}";
}
