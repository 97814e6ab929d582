using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Simulation.Replay;

/// <summary>
/// Recorded measurements of configurations (several runs each), loaded from a pool file by
/// <see cref="MeasurementPoolCsv"/>. The space is derived from the file: the parameters that vary, their values,
/// the paper's rules where the data obeys them, and a rule that only measured combinations are valid.
/// </summary>
public sealed class MeasurementPool
{
    private readonly Dictionary<Configuration, TrialMeasurement[]> _runs;

    internal MeasurementPool(
        string source,
        ConfigurationSpace space,
        IReadOnlyDictionary<string, string> fixedParameters,
        Dictionary<Configuration, TrialMeasurement[]> runs,
        bool hasAccuracy,
        int rowCount)
    {
        Source = source;
        Space = space;
        FixedParameters = fixedParameters;
        _runs = runs;
        HasAccuracy = hasAccuracy;
        RowCount = rowCount;
        Configurations = space.ValidConfigurations;
        Means = Configurations.ToDictionary(c => c, c => Mean(_runs[c]));
    }

    /// <summary>Where the pool came from (a file path or a resource name).</summary>
    public string Source { get; }

    /// <summary>The space of measured configurations.</summary>
    public ConfigurationSpace Space { get; }

    /// <summary>Parameter columns that hold one value throughout (not part of the space), with that value.</summary>
    public IReadOnlyDictionary<string, string> FixedParameters { get; }

    /// <summary>True when every row has an accuracy.</summary>
    public bool HasAccuracy { get; }

    /// <summary>The number of recorded runs.</summary>
    public int RowCount { get; }

    /// <summary>The measured configurations, in ordinal order.</summary>
    public IReadOnlyList<Configuration> Configurations { get; }

    /// <summary>The mean of every measured configuration's runs (what an oracle would know).</summary>
    public IReadOnlyDictionary<Configuration, TrialMeasurement> Means { get; }

    /// <summary>The recorded runs of a configuration.</summary>
    /// <exception cref="KeyNotFoundException">The configuration was not measured.</exception>
    public IReadOnlyList<TrialMeasurement> GetRuns(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return _runs.TryGetValue(configuration, out var runs)
            ? runs
            : throw new KeyNotFoundException($"'{configuration.Key}' was not measured in {Source}; a replay can only answer the {_runs.Count} measured configurations.");
    }

    private static TrialMeasurement Mean(TrialMeasurement[] runs)
    {
        double? Average(Func<TrialMeasurement, double?> selector)
        {
            var values = runs.Select(selector).ToArray();
            return values.All(v => v.HasValue) ? values.Average(v => v!.Value) : null;
        }

        var edgeMs = Average(r => r.Latency?.EdgeMs);
        var transferMs = Average(r => r.Latency?.TransferMs);
        var cloudMs = Average(r => r.Latency?.CloudMs);
        var edgeJ = Average(r => r.Energy?.EdgeJ);
        var cloudJ = Average(r => r.Energy?.CloudJ);
        return new TrialMeasurement
        {
            LatencyMs = runs.Average(r => r.LatencyMs),
            EnergyJ = runs.Average(r => r.EnergyJ),
            Accuracy = Average(r => r.Accuracy),
            Latency = edgeMs is { } e && transferMs is { } t && cloudMs is { } c ? new LatencyBreakdown(e, t, c) : null,
            Energy = edgeJ is { } ej && cloudJ is { } cj ? new EnergyBreakdown(ej, cj) : null,
            Inferences = runs.Sum(r => r.Inferences),
        };
    }
}
