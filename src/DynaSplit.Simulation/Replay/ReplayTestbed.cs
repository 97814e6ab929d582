using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;

namespace DynaSplit.Simulation.Replay;

/// <summary>
/// The trace-driven testbed the paper's authors used for their 10,000-request runs: a configuration is answered
/// with one of its recorded runs, drawn at random (seeded, so a run is reproducible for a given order of calls).
/// </summary>
public sealed class ReplayTestbed : ITestbed
{
    private readonly MeasurementPool _pool;
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Creates a replay over <paramref name="pool"/>.</summary>
    public ReplayTestbed(MeasurementPool pool, int seed)
    {
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _random = new Random(seed);
    }

    /// <inheritdoc />
    public ConfigurationSpace Space => _pool.Space;

    /// <summary>The pool replayed.</summary>
    public MeasurementPool Pool => _pool;

    /// <inheritdoc />
    public ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Draw(configuration));
    }

    /// <summary>One recorded run of <paramref name="configuration"/>, drawn at random.</summary>
    /// <exception cref="ArgumentException">The configuration was not measured.</exception>
    public TrialMeasurement Draw(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!_pool.Space.IsValid(configuration))
        {
            throw new ArgumentException($"'{configuration.Key}' was not measured in {_pool.Source}; the replay can answer only its {_pool.Configurations.Count} measured configurations.", nameof(configuration));
        }

        var runs = _pool.GetRuns(configuration);
        lock (_gate)
        {
            return runs[_random.Next(runs.Count)];
        }
    }
}
