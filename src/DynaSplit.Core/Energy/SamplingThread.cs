namespace DynaSplit.Energy;

/// <summary>
/// A dedicated background thread that calls a sampling action every interval (by the monotonic clock) until it is
/// stopped or the action throws. Deadlines advance by whole intervals, so the average rate is the requested one
/// even though sleeps overshoot; a wake-up later than one whole interval restarts the schedule from now instead of
/// bursting catch-up samples. Sleeps have millisecond granularity: intervals under 1 ms run at about 1 kHz.
/// </summary>
internal sealed class SamplingThread : IDisposable
{
    private readonly Action<long> _sample;
    private readonly TimeProvider _clock;
    private readonly long _intervalTicks;
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly Thread _thread;
    private readonly long _firstDeadline;
    private Exception? _fault;
    private const int ShortSleepMs = 20;
    private int _stopped;

    public SamplingThread(string name, TimeSpan interval, TimeProvider clock, long lastSampleTimestamp, Action<long> sample)
    {
        _sample = sample;
        _clock = clock;
        _intervalTicks = Math.Max(1, (long)(interval.TotalSeconds * clock.TimestampFrequency));
        _firstDeadline = lastSampleTimestamp + _intervalTicks;
        _thread = new Thread(Run) { IsBackground = true, Name = $"energy sampler {name}" };
        _thread.Start();
    }

    /// <summary>The exception that stopped sampling, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Stops the thread and waits for it; after this no sample runs.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stop.Set();
        }

        _thread.Join();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Run()
    {
        var deadline = _firstDeadline;
        var msPerTick = 1000.0 / _clock.TimestampFrequency;
        try
        {
            while (true)
            {
                var remainingMs = (deadline - _clock.GetTimestamp()) * msPerTick;
                var waitMs = remainingMs <= 0 ? 0 : Math.Max(1, (int)Math.Round(remainingMs));
                if (waitMs <= ShortSleepMs)
                {
                    // Short waits: a plain sleep (one nanosleep) costs less than a timed wait on the event, and
                    // stopping waits at most this long.
                    Thread.Sleep(waitMs);
                    if (Volatile.Read(ref _stopped) != 0)
                    {
                        return;
                    }
                }
                else if (_stop.Wait(waitMs))
                {
                    return;
                }

                var now = _clock.GetTimestamp();
                _sample(now);
                deadline += _intervalTicks;
                if (now - deadline > _intervalTicks)
                {
                    deadline = now + _intervalTicks;
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _fault, ex);
        }
    }
}
