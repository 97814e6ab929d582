using DynaSplit.Execution;
using DynaSplit.Objectives;
using DynaSplit.Trials;
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

    /// <summary>Every objective measured for the entry, by name (latency, energy, accuracy and any other).</summary>
    public IReadOnlyDictionary<string, double> Objectives { get; init; } = EmptyObjectives;

    /// <summary>The latency per side (edge, transfer, cloud), when known.</summary>
    public LatencyBreakdown? Latency { get; init; }

    /// <summary>The energy per side (edge, cloud), when known.</summary>
    public EnergyBreakdown? Energy { get; init; }

    /// <summary>Bytes crossing the cut(s) per inference, when known.</summary>
    public long? TransferredBytes { get; init; }

    /// <summary>The mean measurement of each stage of the entry's placement, when known (empty otherwise).</summary>
    public IReadOnlyList<StageMeasurement> Stages { get; init; } = [];

    /// <summary>
    /// The links on which the entry is Pareto-optimal, when the table was built by <see cref="LinkRobustTable"/>
    /// (<see cref="LinkRobustTable.Recorded"/> for the link it was measured on, then each <see cref="LinkScenario"/>'s
    /// label); empty for a table of the recorded link's Pareto set only.
    /// </summary>
    public IReadOnlyList<string> KeptFor { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, double> EmptyObjectives = new Dictionary<string, double>();

    /// <summary>An entry from a complete trial: its objectives and every breakdown it measured.</summary>
    public static LookupEntry FromTrial(Configuration configuration, TrialMeasurement measurement, IReadOnlyList<ObjectiveDefinition> objectives)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(objectives);
        var named = new Dictionary<string, double>(StringComparer.Ordinal) { ["latency"] = measurement.LatencyMs, ["energy"] = measurement.EnergyJ };
        if (measurement.Accuracy is { } accuracy)
        {
            named["accuracy"] = accuracy;
        }

        foreach (var (name, value) in measurement.Extra)
        {
            named[name] = value;
        }

        foreach (var objective in objectives)
        {
            named[objective.Name] = measurement.GetObjective(objective.Name);
        }

        return new LookupEntry(configuration, measurement.LatencyMs, measurement.EnergyJ, measurement.Accuracy)
        {
            Objectives = named,
            Latency = measurement.Latency,
            Energy = measurement.Energy,
            TransferredBytes = measurement.TransferredBytes,
            Stages = measurement.Stages,
        };
    }

    /// <summary>A copy of this entry with <see cref="KeptFor"/> set to <paramref name="links"/>.</summary>
    internal LookupEntry WithKeptFor(IReadOnlyList<string> links) => new(Configuration, LatencyMs, EnergyJ, Accuracy)
    {
        Objectives = Objectives,
        Latency = Latency,
        Energy = Energy,
        TransferredBytes = TransferredBytes,
        Stages = Stages,
        KeptFor = links.ToArray(),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Configuration.Key}: {LatencyMs:F1} ms, {EnergyJ:F3} J" + (Accuracy is { } a ? $", accuracy {a:F3}" : string.Empty);
}
