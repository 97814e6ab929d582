namespace DynaSplit.Simulation.Serving;

/// <summary>A virtual clock for replays: time moves only when the simulation advances it (by each request's latency).</summary>
public sealed class SimulatedClock : TimeProvider
{
    private long _ticks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The simulated time since the replay began.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks);

    /// <inheritdoc />
    public override long GetTimestamp() => _ticks;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _ticks += duration.Ticks;
    }
}
