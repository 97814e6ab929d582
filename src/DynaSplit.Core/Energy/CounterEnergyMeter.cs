namespace DynaSplit.Energy;

/// <summary>
/// Measures energy from a cumulative <see cref="IEnergyCounter"/>: reads it when a window starts and stops, and every
/// <see cref="PollInterval"/> in between on a dedicated thread so that every wrap-around is seen (the interval must be
/// shorter than the time the counter takes to wrap). If the counter fails or is reset during the window, stopping the
/// window throws instead of returning a wrong number.
/// </summary>
public sealed class CounterEnergyMeter : IEnergyMeter
{
    private readonly IEnergyCounter _counter;
    private readonly TimeProvider _clock;

    /// <summary>Creates the meter.</summary>
    /// <param name="name">The meter's name; per-channel parts are named "name:channel".</param>
    /// <param name="counter">The counter to read.</param>
    /// <param name="pollInterval">How often to read the counter inside a window (null: 1 s).</param>
    /// <param name="clock">The monotonic clock; null is the system clock (Stopwatch).</param>
    public CounterEnergyMeter(string name, IEnergyCounter counter, TimeSpan? pollInterval = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(counter);
        if (counter.Channels.Count == 0 || counter.WrapJoules.Count != counter.Channels.Count)
        {
            throw new ArgumentException($"Counter '{counter.Name}' needs at least one channel and one wrap range per channel.", nameof(counter));
        }

        if (pollInterval is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "The poll interval must be positive.");
        }

        Name = name;
        _counter = counter;
        _clock = clock ?? TimeProvider.System;
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>How often the counter is read inside a window.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>The counter read.</summary>
    public IEnergyCounter Counter => _counter;

    /// <inheritdoc />
    public EnergyMeterAvailability Availability => EnergyMeterAvailability.Available;

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IEnergyWindow>(new Window(this));
    }

    private sealed class Window : IEnergyWindow
    {
        private readonly CounterEnergyMeter _meter;
        private readonly CounterAccumulator _accumulator;
        private readonly double[] _buffer;
        private readonly long _start;
        private readonly SamplingThread _thread;
        private bool _done;

        public Window(CounterEnergyMeter meter)
        {
            _meter = meter;
            _accumulator = new CounterAccumulator(meter._counter.Channels, meter._counter.WrapJoules);
            _buffer = new double[meter._counter.Channels.Count];
            _start = meter._clock.GetTimestamp();
            try
            {
                Sample(_start);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Energy meter '{meter.Name}' could not read counter '{meter._counter.Name}' at the start of the window: {ex.Message}", ex);
            }

            _thread = new SamplingThread(meter.Name, meter.PollInterval, meter._clock, _start, Sample);
        }

        public ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            _done = true;
            _thread.Dispose();
            if (_thread.Fault is { } fault)
            {
                throw Failed(fault);
            }

            long end;
            try
            {
                end = _meter._clock.GetTimestamp();
                Sample(end);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                throw Failed(ex);
            }

            var duration = TimeSpan.FromSeconds((end - _start) / (double)_meter._clock.TimestampFrequency);
            var channels = _meter._counter.Channels;
            var kind = _meter._counter.Kind;
            var total = 0.0;
            for (var i = 0; i < channels.Count; i++)
            {
                total += _accumulator.Joules(i);
            }

            var parts = channels.Count == 1
                ? []
                : channels.Select((c, i) => new EnergyReading(_accumulator.Joules(i), duration, _accumulator.SampleCount, kind, $"{_meter.Name}:{c}")).ToArray();
            return ValueTask.FromResult(new EnergyReading(total, duration, _accumulator.SampleCount, kind, _meter.Name) { Parts = parts });
        }

        public ValueTask DisposeAsync()
        {
            if (!_done)
            {
                _done = true;
                _thread.Dispose();
            }

            return ValueTask.CompletedTask;
        }

        private InvalidOperationException Failed(Exception ex) => new(
            $"Energy meter '{_meter.Name}' lost counter '{_meter._counter.Name}' during the window after {_accumulator.SampleCount} reads, so the window has no energy figure: {ex.Message} " +
            "Check that the counter is still present and readable, and measure the window again.",
            ex);

        private void Sample(long timestamp)
        {
            _meter._counter.ReadJoules(_buffer);
            _accumulator.Add(_buffer);
        }
    }
}
