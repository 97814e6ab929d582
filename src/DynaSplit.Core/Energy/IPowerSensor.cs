namespace DynaSplit.Energy;

/// <summary>
/// A sensor of instantaneous power, with one or more channels (rails). <see cref="SampledEnergyMeter"/> polls it
/// on a dedicated thread and integrates the samples over a window.
/// </summary>
public interface IPowerSensor
{
    /// <summary>The sensor's name (for example "ina3221@1-0040").</summary>
    string Name { get; }

    /// <summary>The channel labels, in the order <see cref="ReadWatts"/> fills them (for example VDD_IN, VDD_SOC).</summary>
    IReadOnlyList<string> Channels { get; }

    /// <summary>Whether the figures come from a sensor or from a model.</summary>
    EnergyReadingKind Kind { get; }

    /// <summary>How often the sensor refreshes its value, when it says so (hwmon update_interval); null when unknown.</summary>
    TimeSpan? UpdateInterval { get; }

    /// <summary>Reads the power of every channel, W, into <paramref name="watts"/> (one entry per channel).</summary>
    /// <exception cref="IOException">The sensor cannot be read (it disappeared, or the bus failed); the message names the path.</exception>
    /// <exception cref="InvalidOperationException">The sensor returned a value that cannot be right (overflow, garbage).</exception>
    void ReadWatts(Span<double> watts);
}
