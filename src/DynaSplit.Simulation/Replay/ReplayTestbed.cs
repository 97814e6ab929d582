using DynaSplit.Spaces;
using DynaSplit.Testbed;
using DynaSplit.Trials;

namespace DynaSplit.Simulation.Replay;

/// <summary>
/// The trace-driven testbed the paper's authors used for their 10,000-request runs: a configuration is answered
/// with one of its recorded runs, drawn at random (seeded, so a run is reproducible for a given order of calls).
/// </summary>
/// <remarks>
/// The draws come from a stream derived from the seed, never from <c>new Random(seed)</c> itself: the workload's
/// thresholds and the optimizers draw from <c>new Random(seed)</c> with the same seed, and with one shared stream
/// the i-th request's threshold and the run drawn for it came from the same uniform number (a low threshold always
/// got one of the first recorded runs), which biased every strategy's QoS share by which run happened to be first.
/// </remarks>
public sealed class ReplayTestbed : ITestbed
{
    private readonly MeasurementPool _pool;
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Creates a replay over <paramref name="pool"/>.</summary>
    public ReplayTestbed(MeasurementPool pool, int seed)
    {
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _random = new Random(StreamSeed(seed));
    }

    /// <summary>The seed of the replay's own stream: <paramref name="seed"/> through the SplitMix64 finaliser.</summary>
    private static int StreamSeed(int seed)
    {
        var z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
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
