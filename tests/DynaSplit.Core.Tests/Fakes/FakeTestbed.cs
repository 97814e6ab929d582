using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;

namespace DynaSplit.Core.Tests.Fakes;

/// <summary>A deterministic testbed: latency and energy are functions of the configuration; counts evaluations.</summary>
internal sealed class FakeTestbed(ConfigurationSpace space, Func<Configuration, bool>? fails = null) : ITestbed
{
    public ConfigurationSpace Space { get; } = space;

    public List<Configuration> Evaluated { get; } = [];

    public bool MeasuresAccuracy { get; set; }

    public bool CanMeasure(string objective) => objective != "accuracy" || MeasuresAccuracy;

    public Action? AfterEvaluation { get; set; }

    public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Evaluated.Add(configuration);
        AfterEvaluation?.Invoke();
        if (fails?.Invoke(configuration) == true)
        {
            throw new InvalidOperationException($"sensor unplugged while measuring {configuration.Key}");
        }

        // Later splits are slower and cheaper; every other parameter's level adds a little energy.
        var splitIndex = Math.Max(0, Space.IndexOfRole(ParameterRole.SplitPoint));
        var split = configuration[splitIndex];
        var levels = 0.0;
        for (var i = 0; i < Space.Parameters.Count; i++)
        {
            levels += i == splitIndex ? 0 : Space.Parameters[i].LevelOf(configuration[i]);
        }

        return ValueTask.FromResult(new TrialMeasurement { LatencyMs = 100 + (split * 10), EnergyJ = 70 - (split * 3) + levels });
    }
}
