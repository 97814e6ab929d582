using System.Diagnostics;

namespace DynaSplit.Serving.Energy;

/// <summary>
/// Attributes a device's energy to overlapping requests in equal shares: it integrates 1/n(t) over time, n being the
/// requests computing at t. A request that computed from t0 to t1 is owed the share
/// (S(t1) - S(t0)) / (t1 - t0) of the energy measured over its window: all of it when it ran alone, half while one
/// other ran beside it, and so on (exact when the device's power is constant over the window).
/// </summary>
internal sealed class ConcurrencyShareClock
{
    private readonly Lock _lock = new();
    private readonly Func<long> _clock;
    private long _last;
    private int _active;
    private double _integral;

    public ConcurrencyShareClock(Func<long>? clock = null)
    {
        _clock = clock ?? Stopwatch.GetTimestamp;
        _last = _clock();
    }

    /// <summary>Marks a request as computing; returns its starting mark.</summary>
    public Mark Enter()
    {
        lock (_lock)
        {
            var now = Advance();
            _active++;
            return new Mark(now, _integral);
        }
    }

    /// <summary>Marks the request as done; returns its share of the energy over its window, 0..1.</summary>
    public double Exit(Mark start)
    {
        lock (_lock)
        {
            var now = Advance();
            _active--;
            var elapsed = now - start.Timestamp;
            return elapsed <= 0 ? 1.0 : Math.Clamp((_integral - start.Integral) / elapsed, 0, 1);
        }
    }

    private long Advance()
    {
        var now = _clock();
        if (_active > 0)
        {
            _integral += (double)(now - _last) / _active;
        }

        _last = now;
        return now;
    }

    /// <summary>Where a request started.</summary>
    public readonly record struct Mark(long Timestamp, double Integral);
}
