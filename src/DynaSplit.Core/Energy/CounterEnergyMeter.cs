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

    private sealed class Window : PolledEnergyWindow
    {
        private readonly CounterEnergyMeter _meter;
        private readonly CounterAccumulator _accumulator;
        private readonly double[] _buffer;
        private readonly long _start;

        public Window(CounterEnergyMeter meter)
            : base(meter.Name, $"counter '{meter._counter.Name}'", "reads", "Check that the counter is still present and readable, and measure the window again.", meter._clock)
        {
            _meter = meter;
            _accumulator = new CounterAccumulator(meter._counter.Channels, meter._counter.WrapJoules);
            _buffer = new double[meter._counter.Channels.Count];
            _start = Now;
            Open(meter.PollInterval);
        }

        protected override int ReadCount => _accumulator.SampleCount;

        protected override EnergyReading Complete(long end) => ChannelReading(
            _meter.Name,
            _meter._counter.Channels,
            _accumulator.Joules,
            TimeSpan.FromSeconds((end - _start) / (double)_meter._clock.TimestampFrequency),
            _accumulator.SampleCount,
            _meter._counter.Kind);

        protected override void Read(long timestamp)
        {
            _meter._counter.ReadJoules(_buffer);
            _accumulator.Add(_buffer);
        }
    }
}
