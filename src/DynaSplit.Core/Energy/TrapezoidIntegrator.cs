namespace DynaSplit.Energy;

/// <summary>
/// Integrates power samples into energy with the trapezoidal rule, per channel: each interval between two samples
/// adds (p0 + p1) / 2 * dt. Timestamps are monotonic clock ticks (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
/// or <see cref="TimeProvider.GetTimestamp"/>). Not thread-safe: one writer.
/// </summary>
public sealed class TrapezoidIntegrator
{
    private readonly double _ticksPerSecond;
    private readonly double[] _joules;
    private readonly double[] _last;
    private long _firstTimestamp;
    private long _lastTimestamp;

    /// <summary>Creates an integrator for <paramref name="channels"/> channels and a clock of <paramref name="timestampFrequency"/> ticks per second.</summary>
    public TrapezoidIntegrator(int channels, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        _ticksPerSecond = timestampFrequency;
        _joules = new double[channels];
        _last = new double[channels];
    }

    /// <summary>Samples added so far.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Channels integrated.</summary>
    public int ChannelCount => _joules.Length;

    /// <summary>Time between the first and the last sample.</summary>
    public TimeSpan Duration => SampleCount < 2 ? TimeSpan.Zero : TimeSpan.FromSeconds((_lastTimestamp - _firstTimestamp) / _ticksPerSecond);

    /// <summary>Energy of <paramref name="channel"/> so far, J.</summary>
    public double Joules(int channel) => _joules[channel];

    /// <summary>Energy of all channels so far, J.</summary>
    public double TotalJoules => _joules.Sum();

    /// <summary>Adds a sample taken at <paramref name="timestamp"/>.</summary>
    /// <exception cref="ArgumentException">Wrong channel count, a non-finite value, or a timestamp older than the last one.</exception>
    public void Add(long timestamp, ReadOnlySpan<double> watts)
    {
        if (watts.Length != _joules.Length)
        {
            throw new ArgumentException($"Expected {_joules.Length} channel values, got {watts.Length}.", nameof(watts));
        }

        for (var i = 0; i < watts.Length; i++)
        {
            if (!double.IsFinite(watts[i]))
            {
                throw new ArgumentException($"Channel {i} power is {watts[i]}; a sensor must return a finite value.", nameof(watts));
            }
        }

        if (SampleCount == 0)
        {
            _firstTimestamp = timestamp;
        }
        else
        {
            if (timestamp < _lastTimestamp)
            {
                throw new ArgumentException($"Timestamp {timestamp} is older than the previous sample's {_lastTimestamp}; use a monotonic clock.", nameof(timestamp));
            }

            var dt = (timestamp - _lastTimestamp) / _ticksPerSecond;
            for (var i = 0; i < watts.Length; i++)
            {
                _joules[i] += (_last[i] + watts[i]) * 0.5 * dt;
            }
        }

        watts.CopyTo(_last);
        _lastTimestamp = timestamp;
        SampleCount++;
    }
}
