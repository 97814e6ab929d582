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
        var window = new Window(this);
        return ValueTask.FromResult<IEnergyWindow>(window);
    }

    private EnergyReading ToReading(TrapezoidIntegrator integrator)
    {
        var duration = integrator.Duration;
        var channels = _sensor.Channels;
        var parts = channels.Count == 1
            ? []
            : channels.Select((c, i) => new EnergyReading(integrator.Joules(i), duration, integrator.SampleCount, _sensor.Kind, $"{Name}:{c}")).ToArray();
        return new EnergyReading(integrator.TotalJoules, duration, integrator.SampleCount, _sensor.Kind, Name) { Parts = parts };
    }

    private sealed class Window : IEnergyWindow
    {
        private readonly SampledEnergyMeter _meter;
        private readonly TrapezoidIntegrator _integrator;
        private readonly double[] _buffer;
        private readonly SamplingThread _thread;
        private bool _done;
        private long _lastStamp;

        public Window(SampledEnergyMeter meter)
        {
            _meter = meter;
            _integrator = new TrapezoidIntegrator(meter._sensor.Channels.Count, meter._clock.TimestampFrequency);
            _buffer = new double[meter._sensor.Channels.Count];
            try
            {
                Sample(meter._clock.GetTimestamp());
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
            {
                throw new InvalidOperationException($"Energy meter '{meter.Name}' could not read sensor '{meter._sensor.Name}' at the start of the window: {ex.Message}", ex);
            }

            _thread = new SamplingThread(meter.Name, meter.Interval, meter._clock, meter._clock.GetTimestamp(), Sample);
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

            try
            {
                // The closing sample: the window ends now, not at the last periodic sample.
                Sample(_meter._clock.GetTimestamp());
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
            {
                throw Failed(ex);
            }

            return ValueTask.FromResult(_meter.ToReading(_integrator));
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
            $"Energy meter '{_meter.Name}' lost sensor '{_meter._sensor.Name}' during the window after {_integrator.SampleCount} samples, so the window has no energy figure: {ex.Message} " +
            "Check that the sensor is still present (driver loaded, device wired) and measure the window again.",
            ex);

        private void Sample(long timestamp)
        {
            // The value belongs somewhere between the calls before and after the read (which can block, or lose the
            // core on a busy machine): stamp it with the midpoint.
            _meter._sensor.ReadWatts(_buffer);
            var after = _meter._clock.GetTimestamp();
            _integrator.Add(Math.Max(timestamp + ((after - timestamp) / 2), _lastStamp), _buffer);
            _lastStamp = Math.Max(timestamp + ((after - timestamp) / 2), _lastStamp);
        }
    }
}
