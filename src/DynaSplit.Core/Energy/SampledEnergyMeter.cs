namespace DynaSplit.Energy;

/// <summary>
/// Measures energy by polling an <see cref="IPowerSensor"/> on a dedicated thread and integrating with the trapezoidal
/// rule. A window samples once when it starts and once when it stops, so it covers exactly the time between the two
/// calls; in between it samples every <see cref="Interval"/>. If the sensor fails during the window (it disappears,
/// or returns a value that cannot be right), stopping the window throws instead of returning a wrong number.
/// </summary>
public sealed class SampledEnergyMeter : IEnergyMeter
{
    private readonly IPowerSensor _sensor;
    private readonly TimeProvider _clock;

    /// <summary>Creates the meter.</summary>
    /// <param name="name">The meter's name; per-channel parts are named "name:channel".</param>
    /// <param name="sensor">The sensor to poll.</param>
    /// <param name="interval">The sampling interval; null takes the sensor's update interval, or 10 ms when it has none. At least 1 ms is used.</param>
    /// <param name="clock">The monotonic clock (tests pass their own); null is the system clock (Stopwatch).</param>
    public SampledEnergyMeter(string name, IPowerSensor sensor, TimeSpan? interval = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(sensor);
        if (sensor.Channels.Count == 0)
        {
            throw new ArgumentException($"Sensor '{sensor.Name}' has no channels.", nameof(sensor));
        }

        if (interval is { } i && i <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The sampling interval must be positive.");
        }

        Name = name;
        _sensor = sensor;
        _clock = clock ?? TimeProvider.System;
        var chosen = interval ?? sensor.UpdateInterval ?? TimeSpan.FromMilliseconds(10);
        Interval = chosen < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : chosen;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The sampling interval in use.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The sensor polled.</summary>
    public IPowerSensor Sensor => _sensor;

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
        private readonly SampledEnergyMeter _meter;
        private readonly TrapezoidIntegrator _integrator;
        private readonly double[] _buffer;
        private long _lastStamp;

        public Window(SampledEnergyMeter meter)
            : base(meter.Name, $"sensor '{meter._sensor.Name}'", "samples", "Check that the sensor is still present (driver loaded, device wired) and measure the window again.", meter._clock)
        {
            _meter = meter;
            _integrator = new TrapezoidIntegrator(meter._sensor.Channels.Count, meter._clock.TimestampFrequency);
            _buffer = new double[meter._sensor.Channels.Count];
            Open(meter.Interval);
        }

        protected override int ReadCount => _integrator.SampleCount;

        protected override EnergyReading Complete(long end) => ChannelReading(
            _meter.Name, _meter._sensor.Channels, _integrator.Joules, _integrator.Duration, _integrator.SampleCount, _meter._sensor.Kind);

        protected override void Read(long timestamp)
        {
            // The value belongs somewhere between the calls before and after the read (which can block, or lose the
            // core on a busy machine): stamp it with the midpoint.
            _meter._sensor.ReadWatts(_buffer);
            var stamp = Math.Max(timestamp + ((Now - timestamp) / 2), _lastStamp);
            _integrator.Add(stamp, _buffer);
            _lastStamp = stamp;
        }
    }
}
