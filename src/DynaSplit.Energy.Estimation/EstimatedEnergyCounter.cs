namespace DynaSplit.Energy.Estimation;

/// <summary>
/// The power model as a cumulative counter: E(t) = IdleWatts × t + ActiveWatts × CPU seconds(t) / Cores, with t the
/// monotonic clock. Differences over a window give the model's energy; <see cref="Kind"/> is Estimated.
/// </summary>
public sealed class EstimatedEnergyCounter : IEnergyCounter
{
    private readonly Func<double> _cpuSeconds;
    private readonly TimeProvider _clock;
    private readonly double _idle;
    private readonly double _activePerCore;

    /// <summary>Creates the counter.</summary>
    public EstimatedEnergyCounter(string name, double idleWatts, double activeWatts, int cores, Func<double> cpuSeconds, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(idleWatts);
        ArgumentOutOfRangeException.ThrowIfNegative(activeWatts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        ArgumentNullException.ThrowIfNull(cpuSeconds);
        Name = name;
        _idle = idleWatts;
        _activePerCore = activeWatts / cores;
        _cpuSeconds = cpuSeconds;
        _clock = clock ?? TimeProvider.System;
        Channels = ["cpu-model"];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Channels { get; }

    /// <inheritdoc />
    public EnergyReadingKind Kind => EnergyReadingKind.Estimated;

    /// <inheritdoc />
    public IReadOnlyList<double> WrapJoules { get; } = [0.0];

    /// <inheritdoc />
    public void ReadJoules(Span<double> joules)
    {
        var seconds = _clock.GetTimestamp() / (double)_clock.TimestampFrequency;
        joules[0] = (_idle * seconds) + (_activePerCore * _cpuSeconds());
    }
}
