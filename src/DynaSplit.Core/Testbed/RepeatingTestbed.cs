using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Testbed;

/// <summary>
/// Repeats promising measurements: a configuration whose first run is faster than every trial result this testbed
/// returned before is measured <see cref="Runs"/> times in all, and its mean latency, energy and accuracy are
/// returned (<see cref="TrialMeasurement.Runs"/> says how many runs), while <see cref="MaxRepeats"/> extra runs last.
/// The fastest lookup-table entries are the ones a single lucky run makes look faster than they are, and the
/// scheduler then sends them requests they miss; their mean does not.
/// </summary>
/// <remarks>
/// The offline phase wraps its testbed in one when <see cref="Optimization.OfflinePhaseOptions.RepeatRuns"/> is above 1,
/// and counts the extra runs in its budget. The rule looks only at the results returned (means for repeated trials),
/// so a resumed study rebuilds it from its stored trials. The other fields of the returned measurement (breakdowns,
/// stages) are the first run's.
/// </remarks>
public sealed class RepeatingTestbed : ITestbed
{
    private readonly ITestbed _inner;
    private readonly Lock _gate = new();
    private double _fastestMs = double.PositiveInfinity;
    private int _repeatsLeft;
    private int _nextCap = int.MaxValue;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The testbed that measures.</param>
    /// <param name="runs">Runs of a promising configuration in all, at least 2.</param>
    /// <param name="maxRepeats">Extra runs allowed over the whole phase, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> is below 2 or <paramref name="maxRepeats"/> is negative.</exception>
    public RepeatingTestbed(ITestbed inner, int runs, int maxRepeats)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRepeats);
        Runs = runs;
        MaxRepeats = maxRepeats;
        _repeatsLeft = maxRepeats;
    }

    /// <summary>Runs of a promising configuration in all.</summary>
    public int Runs { get; }

    /// <summary>Extra runs allowed over the whole phase.</summary>
    public int MaxRepeats { get; }

    /// <summary>Extra runs made so far.</summary>
    public int RepeatsMade
    {
        get
        {
            lock (_gate)
            {
                return MaxRepeats - _repeatsLeft;
            }
        }
    }

    /// <inheritdoc />
    public ConfigurationSpace Space => _inner.Space;

    /// <inheritdoc />
    public TableBinding Binding => _inner.Binding;

    /// <inheritdoc />
    public bool CanMeasure(string objective) => _inner.CanMeasure(objective);

    /// <inheritdoc />
    public async ValueTask<TrialMeasurement> EvaluateAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        var first = await _inner.EvaluateAsync(configuration, cancellationToken).ConfigureAwait(false);
        int extra;
        lock (_gate)
        {
            // Concurrent trials each reserve their extra runs here, so the allowance is never overspent.
            extra = first.LatencyMs < _fastestMs ? Math.Min(Math.Min(Runs - 1, _repeatsLeft), _nextCap) : 0;
            _repeatsLeft -= extra;
            _nextCap -= extra;
            if (extra == 0)
            {
                _fastestMs = Math.Min(_fastestMs, first.LatencyMs);
                return first;
            }
        }

        double latency = first.LatencyMs, energy = first.EnergyJ, accuracy = first.Accuracy ?? 0;
        int runs = first.Runs, inferences = first.Inferences, measured = 1;
        for (; measured <= extra; measured++)
        {
            var run = await _inner.EvaluateAsync(configuration, cancellationToken).ConfigureAwait(false);
            latency += run.LatencyMs;
            energy += run.EnergyJ;
            accuracy += run.Accuracy ?? 0;
            runs += run.Runs;
            inferences += run.Inferences;
        }

        var mean = first with
        {
            LatencyMs = latency / measured,
            EnergyJ = energy / measured,
            Accuracy = first.Accuracy is null ? null : accuracy / measured,
            Runs = runs,
            Inferences = inferences,
        };
        lock (_gate)
        {
            _fastestMs = Math.Min(_fastestMs, mean.LatencyMs);
        }

        return mean;
    }

    /// <summary>
    /// Caps the extra runs of the trials measured from now on (the offline phase keeps the runs its next batch of
    /// distinct configurations needs); without a call, only <see cref="MaxRepeats"/> limits them.
    /// </summary>
    internal void LimitNextRepeats(int cap)
    {
        lock (_gate)
        {
            _nextCap = Math.Max(0, cap);
        }
    }

    /// <summary>
    /// Continues a study: the trial results measured before (in a store) count as results this testbed returned,
    /// and their extra runs (<see cref="TrialMeasurement.Runs"/> above 1) come off the allowance.
    /// </summary>
    internal void Continue(IEnumerable<TrialMeasurement> earlier)
    {
        lock (_gate)
        {
            foreach (var measurement in earlier)
            {
                _fastestMs = Math.Min(_fastestMs, measurement.LatencyMs);
                _repeatsLeft = Math.Max(0, _repeatsLeft - Math.Max(0, measurement.Runs - 1));
            }
        }
    }
}
