using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;

namespace DynaSplit.Optimization.Tests;

/// <summary>
/// A split-computing-like space (split index, CPU frequency, edge accelerator, cloud accelerator, the paper's two
/// rules) with a deterministic, conflicting latency/energy/accuracy model. Counts evaluations; can cancel a token
/// source after a number of evaluations, and fail chosen configurations.
/// </summary>
internal sealed class SyntheticTestbed : ITestbed
{
    private readonly Lock _gate = new();
    private readonly List<string> _evaluated = [];

    public SyntheticTestbed(CancellationTokenSource? cancelAfter = null, int cancelAfterCount = int.MaxValue, Func<Configuration, bool>? fails = null)
    {
        Space = CreateSpace();
        CancelSource = cancelAfter;
        CancelAfterCount = cancelAfterCount;
        Fails = fails;
    }

    public ConfigurationSpace Space { get; }

    public CancellationTokenSource? CancelSource { get; }

    public int CancelAfterCount { get; }

    public Func<Configuration, bool>? Fails { get; }

    public IReadOnlyList<string> Evaluated
    {
        get
        {
            lock (_gate)
            {
                return _evaluated.ToArray();
            }
        }
    }

    public static ConfigurationSpace CreateSpace() => new(
        [
            new IntegerParameter("layer", 0, 21, role: ParameterRole.SplitPoint),
            new OrdinalParameter("cpu-freq", [600, 900, 1200, 1500, 1800], ParameterRole.EdgeCpuFrequency, "MHz"),
            new CategoricalParameter("edge-accelerator", ["off", "std", "max"], ParameterRole.EdgeAccelerator),
            new CategoricalParameter("server-accelerator", ["False", "True"], ParameterRole.CloudAccelerator),
        ],
        [
            new ImplicationRule("layer", "0", "edge-accelerator", "off"),
            new ImplicationRule("layer", "21", "server-accelerator", "False"),
        ]);

    public static TrialMeasurement Model(Configuration c)
    {
        var layer = c["layer"];
        var freq = c["cpu-freq"];
        var tpu = c["edge-accelerator"];
        var gpu = c["server-accelerator"];
        var edgeWork = layer / 21.0;
        var edgeSpeed = (freq / 1800.0) * (1 + (1.5 * tpu));
        var transfer = 40 * Math.Exp(-layer / 6.0) * (1 + (0.3 * Math.Sin(layer)));
        var latency = (120 * edgeWork / edgeSpeed) + transfer + ((1 - edgeWork) * (gpu > 0 ? 8 : 30)) + 5;
        var energy = (edgeWork * (0.4 + (freq / 1800.0 * 0.8) + (0.5 * tpu))) + (transfer * 0.01) + ((1 - edgeWork) * (gpu > 0 ? 1.6 : 0.9));
        var accuracy = 0.9 - (tpu > 0 && layer > 0 ? 0.01 * (1 + (layer % 3)) : 0);
        return new TrialMeasurement { LatencyMs = latency, EnergyJ = energy, Accuracy = accuracy };
    }

    public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Space.IsValid(configuration))
        {
            throw new ArgumentException($"'{configuration.Key}' is not valid.", nameof(configuration));
        }

        int count;
        lock (_gate)
        {
            _evaluated.Add(configuration.Key);
            count = _evaluated.Count;
        }

        if (Fails?.Invoke(configuration) == true)
        {
            throw new InvalidOperationException($"Synthetic failure of '{configuration.Key}'.");
        }

        var measurement = Model(configuration);
        if (count >= CancelAfterCount)
        {
            CancelSource?.Cancel();
        }

        return ValueTask.FromResult(measurement);
    }
}
