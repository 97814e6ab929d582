namespace DynaSplit.Energy;

/// <summary>The energy of one measurement window.</summary>
/// <param name="Joules">Energy over the window, J.</param>
/// <param name="Duration">Length of the window.</param>
/// <param name="SampleCount">Power samples or counter reads taken in the window.</param>
/// <param name="Kind">Measured or estimated.</param>
/// <param name="Source">The meter (and rail) the figure comes from.</param>
public sealed record EnergyReading(double Joules, TimeSpan Duration, int SampleCount, EnergyReadingKind Kind, string Source)
{
    /// <summary>Mean power over the window, W (0 for an empty window).</summary>
    public double MeanWatts => Duration > TimeSpan.Zero ? Joules / Duration.TotalSeconds : 0;

    /// <summary>The readings this one sums (per rail or per side), if it is a sum.</summary>
    public IReadOnlyList<EnergyReading> Parts { get; init; } = [];

    /// <summary>
    /// Sums readings of the same window (edge plus cloud, or several rails): joules add, the duration is the
    /// longest, and the sum is estimated if any part is.
    /// </summary>
    public static EnergyReading Combine(string source, IReadOnlyList<EnergyReading> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to combine.", nameof(parts));
        }

        return new EnergyReading(
            parts.Sum(p => p.Joules),
            parts.Max(p => p.Duration),
            parts.Sum(p => p.SampleCount),
            parts.Any(p => p.Kind == EnergyReadingKind.Estimated) ? EnergyReadingKind.Estimated : EnergyReadingKind.Measured,
            source)
        {
            Parts = parts.ToArray(),
        };
    }
}
