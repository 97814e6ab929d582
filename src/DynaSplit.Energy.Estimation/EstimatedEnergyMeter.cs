using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Energy.Estimation;

/// <summary>
/// Estimates energy where no sensor exists, from a documented model (see <see cref="EstimatedEnergyMeterOptions"/>):
/// idle watts for the window's length plus active watts times the CPU share the process (or its cgroup) used.
/// Every reading is <see cref="EnergyReadingKind.Estimated"/>. Creating it never throws: when the CPU time cannot be
/// read, <see cref="Availability"/> says why.
/// </summary>
public sealed class EstimatedEnergyMeter : IEnergyMeter
{
    private readonly CounterEnergyMeter? _inner;

    /// <summary>Creates the meter.</summary>
    public EstimatedEnergyMeter(string name, EstimatedEnergyMeterOptions options, ILogger<EstimatedEnergyMeter>? logger = null)
        : this(name, options, null, logger)
    {
    }

    internal EstimatedEnergyMeter(string name, EstimatedEnergyMeterOptions options, TimeProvider? clock, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        logger ??= NullLogger.Instance;
        try
        {
            var reader = CpuTimeReader.Create(options);
            reader.ReadCpuSeconds();
            var cores = options.Cores ?? Environment.ProcessorCount;
            Counter = new EstimatedEnergyCounter(name, options.IdleWatts, options.ActiveWatts, cores, reader.ReadCpuSeconds, clock);
            _inner = new CounterEnergyMeter(name, Counter, options.PollInterval, clock);
            Availability = EnergyMeterAvailability.Available;
            logger.LogInformation(
                "Energy meter {Meter} estimates P = {Idle} W + {Active} W x CPU share of {Cores} cores, from {Path} ({Scope}); readings are labelled Estimated.",
                name, options.IdleWatts, options.ActiveWatts, cores, reader.Path, options.Scope);
        }
        catch (IOException ex)
        {
            Availability = EnergyMeterAvailability.Unavailable($"Cannot read CPU time for the energy estimate: {ex.Message}");
            logger.LogWarning("Energy meter {Meter} is unavailable: {Reason}", name, Availability.Reason);
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public EnergyMeterAvailability Availability { get; }

    /// <inheritdoc />
    public EnergyReadingKind Kind => EnergyReadingKind.Estimated;

    /// <summary>The model counter, when available.</summary>
    public EstimatedEnergyCounter? Counter { get; }

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken) =>
        _inner?.StartAsync(cancellationToken) ?? throw new InvalidOperationException($"Energy meter '{Name}' is unavailable: {Availability.Reason}");
}
