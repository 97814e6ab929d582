namespace DynaSplit.Energy;

/// <summary>
/// The life of a measurement window over a polled source (a power sensor or an energy counter): one read when the
/// window opens, reads on a <see cref="SamplingThread"/> while it is open, one closing read when it stops. A read that
/// fails at any point makes <see cref="StopAsync"/> throw: a window with a gap has no energy figure.
/// </summary>
internal abstract class PolledEnergyWindow : IEnergyWindow
{
    private readonly string _meterName;
    private readonly string _source;
    private readonly string _readsNoun;
    private readonly string _advice;
    private readonly TimeProvider _clock;
    private SamplingThread? _thread;
    private bool _done;

    /// <param name="meterName">The meter, for messages.</param>
    /// <param name="source">What is read, for messages (for example "sensor 'ina226'").</param>
    /// <param name="readsNoun">What one read is called in messages ("samples", "reads").</param>
    /// <param name="advice">What to check when the source is lost.</param>
    /// <param name="clock">The monotonic clock.</param>
    protected PolledEnergyWindow(string meterName, string source, string readsNoun, string advice, TimeProvider clock)
    {
        _meterName = meterName;
        _source = source;
        _readsNoun = readsNoun;
        _advice = advice;
        _clock = clock;
    }

    /// <summary>The number of reads so far.</summary>
    protected abstract int ReadCount { get; }

    /// <summary>The clock's current timestamp.</summary>
    protected long Now => _clock.GetTimestamp();

    public ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        _thread?.Dispose();
        if (_thread?.Fault is { } fault)
        {
            throw Lost(fault);
        }

        long end;
        try
        {
            // The closing read: the window ends now, not at the last periodic read.
            end = Now;
            Read(end);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Lost(ex);
        }

        return ValueTask.FromResult(Complete(end));
    }

    public ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _done = true;
            _thread?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Takes the opening read and starts polling; derived constructors call it once their state is ready.</summary>
    protected void Open(TimeSpan interval)
    {
        var start = Now;
        try
        {
            Read(start);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw new InvalidOperationException($"Energy meter '{_meterName}' could not read {_source} at the start of the window: {ex.Message}", ex);
        }

        _thread = new SamplingThread(_meterName, interval, _clock, start, Read);
    }

    /// <summary>Reads the source once; <paramref name="timestamp"/> is the clock just before the read.</summary>
    protected abstract void Read(long timestamp);

    /// <summary>The window's reading after the closing read at <paramref name="end"/>.</summary>
    protected abstract EnergyReading Complete(long end);

    /// <summary>The reading of a window over several channels: the total, with one part per channel when there are several.</summary>
    protected static EnergyReading ChannelReading(
        string meterName, IReadOnlyList<string> channels, Func<int, double> joules, TimeSpan duration, int reads, EnergyReadingKind kind)
    {
        var parts = channels.Count == 1
            ? []
            : channels.Select((c, i) => new EnergyReading(joules(i), duration, reads, kind, $"{meterName}:{c}")).ToArray();
        var total = 0.0;
        for (var i = 0; i < channels.Count; i++)
        {
            total += joules(i);
        }

        return new EnergyReading(total, duration, reads, kind, meterName) { Parts = parts };
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException;

    private InvalidOperationException Lost(Exception ex) => new(
        $"Energy meter '{_meterName}' lost {_source} during the window after {ReadCount} {_readsNoun}, so the window has no energy figure: {ex.Message} {_advice}",
        ex);
}
