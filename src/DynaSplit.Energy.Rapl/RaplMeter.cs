using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Rapl.Logging;

namespace DynaSplit.Energy.Rapl;

/// <summary>
/// Energy from RAPL counters (Linux powercap): energy_uj read at both ends of a window and every poll interval in
/// between, wrap-arounds at max_energy_range_uj added back. Creating it never throws: with no zones, or energy_uj
/// readable only by root, <see cref="Availability"/> says so.
/// </summary>
public sealed class RaplMeter : IEnergyMeter
{
    private readonly CounterEnergyMeter? _inner;

    /// <summary>Discovers the zones and selects them.</summary>
    public RaplMeter(string name, RaplMeterOptions options, ILogger<RaplMeter>? logger = null)
        : this(name, options, null, logger)
    {
    }

    internal RaplMeter(string name, RaplMeterOptions options, TimeProvider? clock, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        logger ??= NullLogger.Instance;
        var zones = RaplDiscovery.Discover(options.SysfsRoot, logger);
        Availability = Select(options, zones, out var selected);
        if (!Availability.IsAvailable)
        {
            logger.MeterUnavailable(name, Availability.Reason);
            return;
        }

        foreach (var zone in selected)
        {
            try
            {
                RaplEnergyCounter.ReadMicrojoules(zone.EnergyPath);
            }
            catch (UnauthorizedAccessException)
            {
                Availability = EnergyMeterAvailability.Unavailable(
                    $"Permission denied reading '{zone.EnergyPath}': energy_uj is readable by root only (Linux 5.10+). Run as root, or grant read access (for example a udev rule or 'chmod o+r' at boot).");
                logger.MeterUnavailable(name, Availability.Reason);
                return;
            }
            catch (IOException ex)
            {
                Availability = EnergyMeterAvailability.Unavailable(ex.Message);
                logger.MeterUnavailable(name, Availability.Reason);
                return;
            }
        }

        Counter = new RaplEnergyCounter(name, selected);
        _inner = new CounterEnergyMeter(name, Counter, options.PollInterval, clock);
        logger.MeterReady(name, string.Join(" + ", selected.Select(z => $"{z.Name} ({z.Id})")), options.PollInterval);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public EnergyMeterAvailability Availability { get; }

    /// <summary>The counter read, when available.</summary>
    public RaplEnergyCounter? Counter { get; }

    /// <inheritdoc />
    public ValueTask<IEnergyWindow> StartAsync(CancellationToken cancellationToken) =>
        _inner?.StartAsync(cancellationToken) ?? throw new InvalidOperationException($"Energy meter '{Name}' is unavailable: {Availability.Reason}");

    private static EnergyMeterAvailability Select(RaplMeterOptions options, IReadOnlyList<RaplZone> zones, out List<RaplZone> selectedZones)
    {
        var selected = new List<RaplZone>();
        selectedZones = selected;
        if (zones.Count == 0)
        {
            return EnergyMeterAvailability.Unavailable(
                $"No RAPL zones under '{Path.Combine(Path.GetFullPath(options.SysfsRoot), "class", "powercap")}': not an Intel or AMD x86 host, the intel_rapl_common/intel_rapl_msr module is not loaded, or /sys/class/powercap is not mounted into the container.");
        }

        if (options.Zones.Count == 0)
        {
            selected.AddRange(zones.Where(z => z.IsTopLevel && z.Name.StartsWith("package", StringComparison.Ordinal)));
            if (selected.Count == 0)
            {
                selected.AddRange(zones.Where(z => z.IsTopLevel && z.Name == "psys"));
            }

            return selected.Count > 0
                ? EnergyMeterAvailability.Available
                : EnergyMeterAvailability.Unavailable($"No package or psys RAPL zone; found {string.Join(", ", zones.Select(z => z.Name))}. Name the zones in RaplMeterOptions.Zones.");
        }

        var missing = new List<string>();
        foreach (var wanted in options.Zones)
        {
            var matches = zones.Where(z => string.Equals(z.Name, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(z.Id, wanted, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (matches.Length == 0)
            {
                missing.Add(wanted);
            }

            selected.AddRange(matches.Where(m => !selected.Contains(m)));
        }

        return missing.Count == 0
            ? EnergyMeterAvailability.Available
            : EnergyMeterAvailability.Unavailable($"RAPL zone(s) {string.Join(", ", missing)} not found; this machine has {string.Join(", ", zones.Select(z => $"{z.Name} ({z.Id})"))}. Fix RaplMeterOptions.Zones.");
    }
}
