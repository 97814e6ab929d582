namespace DynaSplit.Energy.Tests.Fixtures;

/// <summary>A monotonic clock the test moves by hand (1 tick = 1 µs).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, (long)(by.TotalSeconds * 1_000_000));
}
