using DynaSplit.Execution;
using DynaSplit.Energy;
using DynaSplit.Objectives;

namespace DynaSplit.Trials;

/// <summary>
/// What one trial measured for a configuration: means per inference over the trial's repetitions.
/// </summary>
public sealed record TrialMeasurement
{
    /// <summary>Mean end-to-end latency per inference, ms.</summary>
    public required double LatencyMs { get; init; }

    /// <summary>Mean energy per inference (edge plus cloud), J.</summary>
    public required double EnergyJ { get; init; }

    /// <summary>Top-1 accuracy (0..1), when the trial measured it.</summary>
    public double? Accuracy { get; init; }

    /// <summary>The latency per stage, when known.</summary>
    public LatencyBreakdown? Latency { get; init; }

    /// <summary>The energy per side, when known.</summary>
    public EnergyBreakdown? Energy { get; init; }

    /// <summary>The mean measurement of each stage of the configuration's placement, when known (empty otherwise).</summary>
    public IReadOnlyList<StageMeasurement> Stages { get; init; } = [];

    /// <summary>Bytes crossing the split per inference, when known.</summary>
    public long? TransferredBytes { get; init; }

    /// <summary>Whether the energy was measured by a sensor or estimated by a model.</summary>
    public EnergyReadingKind EnergyKind { get; init; } = EnergyReadingKind.Measured;

    /// <summary>The number of inferences the means are over.</summary>
    public int Inferences { get; init; } = 1;

    /// <summary>
    /// How many runs of the configuration the means are over: 1 for one trial, more when the offline phase repeated
    /// a promising configuration (<see cref="DynaSplit.Optimization.OfflinePhaseOptions.RepeatRuns"/>). Stored with the trial, so a resumed
    /// study knows the repeats it already spent.
    /// </summary>
    public int Runs { get; init; } = 1;

    /// <summary>Further named values (custom objectives or constraints).</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();

    /// <summary>The value of a named objective: latency, energy, accuracy, or one of <see cref="Extra"/>.</summary>
    /// <exception cref="KeyNotFoundException">The trial has no such value (for example no accuracy).</exception>
    public double GetObjective(string name) => name switch
    {
        "latency" => LatencyMs,
        "energy" => EnergyJ,
        "accuracy" => Accuracy ?? throw new KeyNotFoundException("The trial measured no accuracy; leave the accuracy objective out or measure it."),
        _ => Extra.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"The trial has no value named '{name}'; it has latency, energy{(Accuracy is null ? string.Empty : ", accuracy")}{string.Concat(Extra.Keys.Select(k => ", " + k))}."),
    };

    /// <summary>The values of <paramref name="objectives"/> in order.</summary>
    public double[] GetObjectives(IReadOnlyList<ObjectiveDefinition> objectives)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        var values = new double[objectives.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetObjective(objectives[i].Name);
        }

        return values;
    }
}
