namespace DynaSplit.Energy;

/// <summary>
/// Accumulates the increments of a cumulative energy counter, per channel, across wrap-arounds: when a reading is
/// below the previous one, the counter wrapped once and the increment is (range - previous) + current. Read often
/// enough that the counter cannot wrap twice between two reads. Not thread-safe: one writer.
/// </summary>
public sealed class CounterAccumulator
{
    private readonly double[] _wrap;
    private readonly double[] _last;
    private readonly double[] _joules;
    private readonly IReadOnlyList<string> _channels;

    /// <summary>Creates an accumulator for counters with the given wrap ranges, J (0 = never wraps).</summary>
    public CounterAccumulator(IReadOnlyList<string> channels, IReadOnlyList<double> wrapJoules)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(wrapJoules);
        if (channels.Count == 0 || channels.Count != wrapJoules.Count)
        {
            throw new ArgumentException($"Need one wrap range per channel ({channels.Count} channels, {wrapJoules.Count} ranges).", nameof(wrapJoules));
        }

        _channels = channels;
        _wrap = wrapJoules.ToArray();
        _last = new double[_wrap.Length];
        _joules = new double[_wrap.Length];
    }

    /// <summary>Readings added so far.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Wrap-arounds seen so far, all channels together.</summary>
    public int Wraps { get; private set; }

    /// <summary>Energy of <paramref name="channel"/> since the first reading, J.</summary>
    public double Joules(int channel) => _joules[channel];

    /// <summary>Adds a reading of every channel's cumulative counter, J.</summary>
    /// <exception cref="InvalidOperationException">A counter without a wrap range went backwards (it was reset), or a value is not finite.</exception>
    public void Add(ReadOnlySpan<double> counters)
    {
        if (counters.Length != _wrap.Length)
        {
            throw new ArgumentException($"Expected {_wrap.Length} channel values, got {counters.Length}.", nameof(counters));
        }

        for (var i = 0; i < counters.Length; i++)
        {
            if (!double.IsFinite(counters[i]) || counters[i] < 0)
            {
                throw new InvalidOperationException($"Counter '{_channels[i]}' read {counters[i]}; an energy counter is a finite non-negative value.");
            }

            if (SampleCount > 0)
            {
                var delta = counters[i] - _last[i];
                if (delta < 0)
                {
                    if (_wrap[i] <= 0 || counters[i] > _wrap[i] || _last[i] > _wrap[i])
                    {
                        throw new InvalidOperationException(
                            $"Counter '{_channels[i]}' went backwards from {_last[i]} J to {counters[i]} J and has no wrap range: it was reset during the window (driver reload?). Measure the window again.");
                    }

                    delta += _wrap[i];
                    Wraps++;
                }

                _joules[i] += delta;
            }
        }

        counters.CopyTo(_last);
        SampleCount++;
    }
}
