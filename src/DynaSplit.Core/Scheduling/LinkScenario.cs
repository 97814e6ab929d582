using System.Globalization;

namespace DynaSplit.Scheduling;

/// <summary>
/// A link a lookup table should also be good on: a fraction of the rate the table was measured on, or an absolute rate.
/// The round trip is the recorded link's in both cases. Used by <see cref="LinkRobustTable"/>.
/// </summary>
public readonly record struct LinkScenario
{
    private LinkScenario(double? fraction, double? bitsPerSecond)
    {
        FractionOfRecorded = fraction;
        BitsPerSecond = bitsPerSecond;
    }

    /// <summary>The rate as a share of the recorded link's rate, in (0, 1], or null for an absolute rate.</summary>
    public double? FractionOfRecorded { get; }

    /// <summary>The rate in bits per second, or null for a fraction of the recorded rate.</summary>
    public double? BitsPerSecond { get; }

    /// <summary>A share of the recorded rate, in (0, 1] (0.1: a link a tenth as fast).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1].</exception>
    public static LinkScenario Fraction(double fraction) =>
        fraction > 0 && fraction <= 1
            ? new LinkScenario(fraction, null)
            : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A link scenario's fraction of the recorded rate must be in (0, 1], for example 0.1 for a link a tenth as fast.");

    /// <summary>An absolute rate, bits per second.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a positive finite number.</exception>
    public static LinkScenario Rate(double bitsPerSecond) =>
        bitsPerSecond > 0 && double.IsFinite(bitsPerSecond)
            ? new LinkScenario(null, bitsPerSecond)
            : throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond, "A link scenario's rate must be a positive, finite number of bits per second.");

    /// <summary>The link this scenario stands for, given the link the table was measured on.</summary>
    public LinkEstimate Resolve(LinkEstimate recorded) =>
        new(FractionOfRecorded is { } f ? recorded.BandwidthBitsPerSecond * f : BitsPerSecond ?? recorded.BandwidthBitsPerSecond, recorded.RoundTripMs, 0);

    /// <summary>
    /// Reads a scenario: a fraction of the recorded rate (<c>0.1</c> or <c>1/10</c>) or an absolute rate in Mbit/s with
    /// the suffix <c>M</c> or <c>mbit</c> (<c>5.883M</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is neither; the message says what is accepted.</exception>
    public static LinkScenario Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        const NumberStyles Style = NumberStyles.Float;
        var inv = CultureInfo.InvariantCulture;
        foreach (var suffix in new[] { "mbit", "m" })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return double.TryParse(s[..^suffix.Length], Style, inv, out var mbps) && mbps > 0 && double.IsFinite(mbps)
                    ? Rate(mbps * 1e6)
                    : throw new FormatException($"Link scenario '{text}': '{s[..^suffix.Length]}' is not a positive number of Mbit/s.");
            }
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        double fraction;
        if (slash >= 0)
        {
            if (!double.TryParse(s[..slash], Style, inv, out var numerator) || !double.TryParse(s[(slash + 1)..], Style, inv, out var denominator) || !(denominator > 0))
            {
                throw new FormatException($"Link scenario '{text}' is not a fraction such as 1/10.");
            }

            fraction = numerator / denominator;
        }
        else if (!double.TryParse(s, Style, inv, out fraction))
        {
            throw new FormatException($"Link scenario '{text}' is neither a fraction of the recorded rate (0.1 or 1/10) nor a rate in Mbit/s (5.883M).");
        }

        return fraction > 0 && fraction <= 1
            ? Fraction(fraction)
            : throw new FormatException($"Link scenario '{text}': a fraction of the recorded rate must be in (0, 1]; write an absolute rate with the suffix M (Mbit/s).");
    }

    /// <summary>Reads a comma-separated list of scenarios (see <see cref="Parse"/>).</summary>
    /// <exception cref="FormatException">An item is not a scenario, or the list is empty.</exception>
    public static IReadOnlyList<LinkScenario> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items.Select(Parse).ToArray() : throw new FormatException("The list of link scenarios is empty; give fractions of the recorded rate such as 0.1,0.01.");
    }

    /// <summary>The label kept in <see cref="LookupEntry.KeptFor"/>: <c>x0.1</c> for a fraction, <c>5.883M</c> for a rate.</summary>
    public override string ToString() => FractionOfRecorded is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"x{f:G4}")
        : BitsPerSecond is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate / 1e6:G4}M") : LinkRobustTable.Recorded;
}
