using DynaSplit.Spaces;

namespace DynaSplit.Scheduling;

/// <summary>One configuration of the lookup table with its expected objectives.</summary>
public sealed class LookupEntry
{
    /// <summary>Creates an entry.</summary>
    public LookupEntry(Configuration configuration, double latencyMs, double energyJ, double? accuracy)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!double.IsFinite(latencyMs) || latencyMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latencyMs), latencyMs, $"Entry '{configuration.Key}': latency must be a finite, non-negative number of ms.");
        }

        if (!double.IsFinite(energyJ) || energyJ < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(energyJ), energyJ, $"Entry '{configuration.Key}': energy must be a finite, non-negative number of J.");
        }

        Configuration = configuration;
        LatencyMs = latencyMs;
        EnergyJ = energyJ;
        Accuracy = accuracy;
    }

    /// <summary>The configuration.</summary>
    public Configuration Configuration { get; }

    /// <summary>Expected latency per inference, ms.</summary>
    public double LatencyMs { get; }

    /// <summary>Expected energy per inference, J.</summary>
    public double EnergyJ { get; }

    /// <summary>Expected accuracy, when known.</summary>
    public double? Accuracy { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Configuration.Key}: {LatencyMs:F1} ms, {EnergyJ:F3} J" + (Accuracy is { } a ? $", accuracy {a:F3}" : string.Empty);
}
