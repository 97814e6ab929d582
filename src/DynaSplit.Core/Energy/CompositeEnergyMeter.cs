namespace DynaSplit.Energy;

/// <summary>
/// Several meters measured over the same window and summed: edge plus cloud, or several rails. The reading's
/// <see cref="EnergyReading.Parts"/> keeps each meter's share.
/// </summary>
public sealed class CompositeEnergyMeter : IEnergyMeter
{
    private readonly IEnergyMeter[] _meters;

    /// <summary>Creates the composite.</summary>
    public CompositeEnergyMeter(string name, IEnumerable<IEnergyMeter> meters)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(meters);
        _meters = meters.ToArray();
        if (_meters.Length == 0)
        {
            throw new ArgumentException("A composite meter needs at least one meter.", nameof(meters));
        }

        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The combined meters.</summary>
    public IReadOnlyList<IEnergyMeter> Meters => _meters;

    /// <inheritdoc />
    public EnergyMeterAvailability Availability
    {
        get
        {
            var missing = _meters.Where(m => !m.Availability.IsAvailable).ToArray();
            return missing.Length == 0
                ? EnergyMeterAvailability.Available
                : EnergyMeterAvailability.Unavailable(string.Join("; ", missing.Select(m => $"{m.Name}: {m.Availability.Reason}")));
        }
    }

    /// <inheritdoc />
    public async ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken)
    {
        var windows = new List<IEnergyWindow>(_meters.Length);
        try
        {
            foreach (var meter in _meters)
            {
                windows.Add(await meter.StartAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var window in windows)
            {
                await window.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new Window(Name, windows);
    }

    private sealed class Window(string name, List<IEnergyWindow> windows) : IEnergyWindow
    {
        public async ValueTask<EnergyReading> StopAsync(CancellationToken cancellationToken)
        {
            var readings = new EnergyReading[windows.Count];
            for (var i = 0; i < windows.Count; i++)
            {
                readings[i] = await windows[i].StopAsync(cancellationToken).ConfigureAwait(false);
            }

            return EnergyReading.Combine(name, readings);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var window in windows)
            {
                await window.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
