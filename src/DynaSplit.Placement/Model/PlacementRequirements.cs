using System.Globalization;

namespace DynaSplit.Placements.Model;

/// <summary>What an application asks of an inference: a latency below a limit and an accuracy above a floor.</summary>
/// <remarks>Both are strict, as in FIN's reference code: a plan must take less than <see cref="LatencyMs"/> and reach more than <see cref="AccuracyPercent"/>.</remarks>
public sealed record PlacementRequirements
{
    /// <summary>Creates requirements.</summary>
    /// <param name="latencyMs">The latency limit, ms (positive, finite); a plan must take strictly less.</param>
    /// <param name="accuracyPercent">The accuracy floor, percent (0..100); a plan's exit must reach strictly more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public PlacementRequirements(double latencyMs, double accuracyPercent)
    {
        if (!(double.IsFinite(latencyMs) && latencyMs > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(latencyMs), latencyMs, "The latency limit must be a positive number of milliseconds.");
        }

        if (!(double.IsFinite(accuracyPercent) && accuracyPercent is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracyPercent), accuracyPercent, "The accuracy floor must be a percentage in 0..100.");
        }

        LatencyMs = latencyMs;
        AccuracyPercent = accuracyPercent;
    }

    /// <summary>The latency limit, ms (strict).</summary>
    public double LatencyMs { get; }

    /// <summary>The accuracy floor, percent (strict).</summary>
    public double AccuracyPercent { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"latency < {LatencyMs:G6} ms, accuracy > {AccuracyPercent:G6}%");
}
