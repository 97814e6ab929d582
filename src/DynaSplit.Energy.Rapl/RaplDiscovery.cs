using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Rapl.Logging;

namespace DynaSplit.Energy.Rapl;

/// <summary>
/// Finds RAPL zones under <c>class/powercap</c> of a sysfs root: every zone directory with name, energy_uj and
/// max_energy_range_uj (powercap.rst), top-level (intel-rapl:N) and subzones (intel-rapl:N:M).
/// </summary>
public static class RaplDiscovery
{
    /// <summary>Lists the zones, logging what it finds.</summary>
    public static IReadOnlyList<RaplZone> Discover(string sysfsRoot, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        logger ??= NullLogger.Instance;
        var root = Path.Combine(sysfsRoot, "class", "powercap");
        var zones = new List<RaplZone>();
        if (Directory.Exists(root))
        {
            foreach (var dir in Directory.EnumerateFileSystemEntries(root).Where(Directory.Exists).Order(StringComparer.Ordinal))
            {
                var id = Path.GetFileName(dir);
                if (!id.Contains("rapl", StringComparison.Ordinal) || !id.Contains(':', StringComparison.Ordinal))
                {
                    continue; // the control type directory (intel-rapl) or another powercap driver
                }

                var name = ReadText(Path.Combine(dir, "name"));
                var range = ReadText(Path.Combine(dir, "max_energy_range_uj"));
                if (name is null || !File.Exists(Path.Combine(dir, "energy_uj")) || !long.TryParse(range, out var max) || max <= 0)
                {
                    logger.ZoneIncomplete(dir);
                    continue;
                }

                var zone = new RaplZone(id, name, dir, max, id.Count(c => c == ':') == 1);
                zones.Add(zone);
                logger.ZoneFound(id, name, dir, max);
            }
        }

        if (zones.Count == 0)
        {
            logger.NoZones(root);
        }

        return zones;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
