using DynaSplit.Energy.Ina.Sysfs;

namespace DynaSplit.Energy.Ina;

/// <summary>
/// Reads the instantaneous power of INA channels through sysfs: ina2xx power1_input (µW), ina3221 inN_input (mV) ×
/// currN_input (mA), Jetson L4T ina3221x in_powerN_input (mW). Every read opens the attribute afresh, so a sensor whose
/// device disappears fails the read.
/// </summary>
public sealed class InaSysfsPowerSensor : IPowerSensor
{
    private readonly ISysfsReader _reader;
    private readonly InaChannelInfo[] _channels;
    private readonly string[] _powerPaths;
    private readonly string[] _currentPaths;

    /// <summary>Creates a sensor over the given channels.</summary>
    public InaSysfsPowerSensor(string name, IReadOnlyList<InaChannelInfo> channels)
        : this(name, channels, new SysfsReader(SysfsReader.SamplingReopenInterval))
    {
    }

    internal InaSysfsPowerSensor(string name, IReadOnlyList<InaChannelInfo> channels, ISysfsReader reader)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("An INA sensor needs at least one channel.", nameof(channels));
        }

        Name = name;
        _reader = reader;
        _channels = channels.ToArray();
        _powerPaths = _channels.Select(c => c.PowerPath).ToArray();
        _currentPaths = _channels.Select(c => c.Driver == InaDriver.Ina3221Hwmon ? Path.Combine(c.DevicePath, $"curr{c.Index}_input") : string.Empty).ToArray();
        Channels = _channels.Select(c => c.Label).ToArray();
        var intervals = _channels.Where(c => c.UpdateInterval is not null).Select(c => c.UpdateInterval!.Value).ToArray();
        UpdateInterval = intervals.Length == 0 ? null : intervals.Min();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Channels { get; }

    /// <summary>The channels read, with their paths.</summary>
    public IReadOnlyList<InaChannelInfo> ChannelInfos => _channels;

    /// <inheritdoc />
    public EnergyReadingKind Kind => EnergyReadingKind.Measured;

    /// <inheritdoc />
    public TimeSpan? UpdateInterval { get; }

    /// <inheritdoc />
    public void ReadWatts(Span<double> watts)
    {
        for (var i = 0; i < _channels.Length; i++)
        {
            watts[i] = _channels[i].Driver switch
            {
                InaDriver.Ina2xxHwmon => _reader.ReadInt64(_powerPaths[i]) * 1e-6,
                InaDriver.Ina3221Hwmon => _reader.ReadInt64(_powerPaths[i]) * _reader.ReadInt64(_currentPaths[i]) * 1e-6,
                _ => _reader.ReadInt64(_powerPaths[i]) * 1e-3,
            };
        }
    }
}
