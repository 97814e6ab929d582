using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>Where a USB device sits: its device name (busnum-port.port...), its ids and its hub port's disable attribute.</summary>
/// <param name="Device">The device's name under /sys/bus/usb/devices (for example <c>2-1</c> or <c>1-1.3</c>).</param>
/// <param name="Id">The vendor and product ids it had when it was found.</param>
/// <param name="DisablePath">The port's <c>disable</c> attribute, relative to the sysfs root.</param>
public sealed record UsbPortLocation(string Device, UsbDeviceId Id, string DisablePath)
{
    /// <summary>
    /// Finds the first device with one of <paramref name="ids"/> under <c>bus/usb/devices</c> and its port: for device
    /// <c>B-P</c> the root hub's port <c>B-0:1.0/usbB-portP</c>, for <c>B-H.P</c> the hub <c>B-H</c>'s port
    /// <c>B-H:1.0/B-H-portP</c> (any configuration and interface directory of the hub that holds the port).
    /// </summary>
    /// <returns>The location, or null with <paramref name="reason"/> saying what was missing.</returns>
    public static UsbPortLocation? Find(ISysfs sysfs, IReadOnlyCollection<UsbDeviceId> ids, out string reason)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        ArgumentNullException.ThrowIfNull(ids);
        const string devices = "bus/usb/devices";
        var all = sysfs.ListDirectories(devices);
        foreach (var device in all)
        {
            // Devices are "B-P[.P...]"; root hubs are "usbB"; interfaces contain ':'.
            if (device.Contains(':', StringComparison.Ordinal) || !device.Contains('-', StringComparison.Ordinal)
                || !sysfs.FileExists($"{devices}/{device}/idVendor") || !sysfs.FileExists($"{devices}/{device}/idProduct"))
            {
                continue;
            }

            if (!ushort.TryParse(sysfs.Read($"{devices}/{device}/idVendor"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var vendor)
                || !ushort.TryParse(sysfs.Read($"{devices}/{device}/idProduct"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var product))
            {
                continue;
            }

            var id = new UsbDeviceId(vendor, product);
            if (!ids.Contains(id))
            {
                continue;
            }

            var dash = device.IndexOf('-', StringComparison.Ordinal);
            var bus = device[..dash];
            var lastDot = device.LastIndexOf('.');
            string hub, portDir;
            string port;
            if (lastDot < 0)
            {
                hub = $"{bus}-0";
                port = device[(dash + 1)..];
                portDir = $"usb{bus}-port{port}";
            }
            else
            {
                hub = device[..lastDot];
                port = device[(lastDot + 1)..];
                portDir = $"{hub}-port{port}";
            }

            foreach (var hubInterface in all.Where(d => d.StartsWith(hub + ":", StringComparison.Ordinal)))
            {
                var disable = $"{devices}/{hubInterface}/{portDir}/disable";
                if (sysfs.FileExists(disable))
                {
                    reason = string.Empty;
                    return new UsbPortLocation(device, id, disable);
                }
            }

            reason = $"USB {id} found at {device}, but its hub port has no 'disable' attribute ({sysfs.GetFullPath($"{devices}/{hub}:1.0/{portDir}/disable")}); the kernel must be 4.20 or later";
            return null;
        }

        reason = $"no USB device with id {string.Join(" or ", ids)} under {sysfs.GetFullPath(devices)}";
        return null;
    }
}
