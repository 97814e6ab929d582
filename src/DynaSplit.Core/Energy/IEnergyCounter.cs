namespace DynaSplit.Energy;

/// <summary>
/// A cumulative energy counter with one or more channels (RAPL zones, GPUs). <see cref="CounterEnergyMeter"/> reads
/// it at both ends of a window, and in between often enough to see every wrap-around.
/// </summary>
public interface IEnergyCounter
{
    /// <summary>The counter's name (for example "rapl").</summary>
    string Name { get; }

    /// <summary>The channel labels, in the order <see cref="ReadJoules"/> fills them (for example package-0, package-1).</summary>
    IReadOnlyList<string> Channels { get; }

    /// <summary>Whether the figures come from a counter in hardware or from a model.</summary>
    EnergyReadingKind Kind { get; }

    /// <summary>
    /// Per channel, the value at which the counter wraps back to zero, J (RAPL's max_energy_range_uj); 0 for a counter
    /// that never wraps. A counter that goes backwards without a range is an error, not a wrap.
    /// </summary>
    IReadOnlyList<double> WrapJoules { get; }

    /// <summary>Reads every channel's cumulative energy, J, into <paramref name="joules"/>.</summary>
    /// <exception cref="IOException">The counter cannot be read (it disappeared); the message names the path.</exception>
    /// <exception cref="InvalidOperationException">The counter returned a value that cannot be right.</exception>
    void ReadJoules(Span<double> joules);
}
