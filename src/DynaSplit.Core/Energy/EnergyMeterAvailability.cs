namespace DynaSplit.Energy;

/// <summary>Whether a meter can measure on this machine, and if not, why.</summary>
/// <param name="IsAvailable">True when the meter can measure.</param>
/// <param name="Reason">Why it cannot (for example "libnvidia-ml.so.1 not found"), and what to do.</param>
public readonly record struct EnergyMeterAvailability(bool IsAvailable, string? Reason)
{
    /// <summary>An available meter.</summary>
    public static EnergyMeterAvailability Available { get; } = new(true, null);

    /// <summary>An unavailable meter with the reason.</summary>
    public static EnergyMeterAvailability Unavailable(string reason) => new(false, reason);
}
