using DynaSplit.Energy.Ina.Sysfs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Energy.Ina.Logging;

namespace DynaSplit.Energy.Ina;

/// <summary>
/// Finds the INA power channels this machine has: hwmon devices named ina219/ina220/ina226/ina230/ina231
/// (ina2xx driver) and ina3221 under <c>class/hwmon</c>, and Jetson L4T iio devices named ina3221x (or holding
/// rail_name_N files) under <c>bus/iio/devices</c>, all below a configurable sysfs root.
/// </summary>
public static class InaDiscovery
{
    /// <summary>The chip names the hwmon ina2xx driver reports.</summary>
    public static IReadOnlySet<string> Ina2xxChips { get; } = new HashSet<string>(StringComparer.Ordinal) { "ina219", "ina220", "ina226", "ina230", "ina231" };

    /// <summary>Lists the INA channels under <paramref name="sysfsRoot"/> (normally "/sys"), logging what it finds.</summary>
    public static IReadOnlyList<InaChannelInfo> Discover(string sysfsRoot, ILogger? logger = null) =>
        Discover(sysfsRoot, SysfsReader.Instance, logger ?? NullLogger.Instance);

    internal static IReadOnlyList<InaChannelInfo> Discover(string sysfsRoot, ISysfsReader reader, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        var found = new List<InaChannelInfo>();
        var hwmonRoot = Path.Combine(sysfsRoot, "class", "hwmon");
        foreach (var dir in ListDirectories(hwmonRoot))
        {
            // sysfs-interface: attributes live in the hwmon directory; very old drivers put them in device/.
            var attrDir = File.Exists(Path.Combine(dir, "name")) ? dir : Path.Combine(dir, "device");
            var chip = reader.TryReadText(Path.Combine(attrDir, "name"));
            if (chip is null)
            {
                continue;
            }

            var deviceId = DeviceId(dir);
            if (Ina2xxChips.Contains(chip))
            {
                if (!File.Exists(Path.Combine(attrDir, "power1_input")))
                {
                    logger.SensorWithoutPower(chip, attrDir);
                    continue;
                }

                var label = reader.TryReadText(Path.Combine(attrDir, "in1_label")) ?? $"{chip}@{deviceId}";
                var channel = new InaChannelInfo(label, InaDriver.Ina2xxHwmon, chip, attrDir, 1, Interval(reader, attrDir, 1000));
                found.Add(channel);
                logger.FoundIna2xx(chip, attrDir, label, channel.UpdateInterval?.ToString() ?? "not reported");
            }
            else if (chip == "ina3221")
            {
                var channels = new List<string>();
                var interval = Interval(reader, attrDir, 1000);
                for (var n = 1; n <= 3; n++)
                {
                    if (!File.Exists(Path.Combine(attrDir, $"in{n}_input")) || !File.Exists(Path.Combine(attrDir, $"curr{n}_input")))
                    {
                        continue;
                    }

                    if (reader.TryReadText(Path.Combine(attrDir, $"in{n}_enable")) == "0")
                    {
                        logger.Ina3221ChannelDisabled(attrDir, n);
                        continue;
                    }

                    var label = reader.TryReadText(Path.Combine(attrDir, $"in{n}_label")) ?? $"ina3221@{deviceId}:{n}";
                    found.Add(new InaChannelInfo(label, InaDriver.Ina3221Hwmon, chip, attrDir, n, interval));
                    channels.Add(label);
                }

                logger.FoundIna3221(attrDir, string.Join(", ", channels), interval?.ToString() ?? "not reported");
            }
        }

        var iioRoot = Path.Combine(sysfsRoot, "bus", "iio", "devices");
        foreach (var dir in ListDirectories(iioRoot))
        {
            var chip = reader.TryReadText(Path.Combine(dir, "name"));
            var hasRails = File.Exists(Path.Combine(dir, "rail_name_0"));
            if (chip != "ina3221x" && !hasRails)
            {
                continue;
            }

            var channels = new List<string>();
            for (var n = 0; n < 3; n++)
            {
                var label = reader.TryReadText(Path.Combine(dir, $"rail_name_{n}"));
                if (label is null || !File.Exists(Path.Combine(dir, $"in_power{n}_input")))
                {
                    continue;
                }

                found.Add(new InaChannelInfo(label, InaDriver.Ina3221xIio, chip ?? "ina3221x", dir, n, null));
                channels.Add(label);
            }

            logger.FoundIna3221x(dir, string.Join(", ", channels));
        }

        if (found.Count == 0)
        {
            logger.NoSensors(sysfsRoot);
        }

        return found;
    }

    private static TimeSpan? Interval(ISysfsReader reader, string dir, double unitsPerSecond)
    {
        var text = reader.TryReadText(Path.Combine(dir, "update_interval"));
        return long.TryParse(text, out var value) && value > 0 ? TimeSpan.FromSeconds(value / unitsPerSecond) : null;
    }

    private static string DeviceId(string hwmonDir)
    {
        var device = new DirectoryInfo(Path.Combine(hwmonDir, "device"));
        try
        {
            if (device.LinkTarget is { } target)
            {
                return Path.GetFileName(target.TrimEnd('/'));
            }
        }
        catch (IOException)
        {
        }

        return Path.GetFileName(hwmonDir);
    }

    private static IEnumerable<string> ListDirectories(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        // hwmonN and iio:deviceN entries are symlinks to directories; order by name for stable channel order.
        return Directory.EnumerateFileSystemEntries(root).Where(Directory.Exists).Order(StringComparer.Ordinal).ToArray();
    }
}
