using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// The power of a USB device (a Coral USB Accelerator, for example) through its hub port's <c>disable</c> attribute
/// (<c>/sys/bus/usb/devices/HUB:1.0/HUB-portN/disable</c>, kernel 4.20 and later). Values are <c>on</c> and
/// <c>off</c> (1 and 0 are accepted). The port is located once, from the device's place in the USB tree, so it can
/// be switched on again after the device has disappeared. Switching on waits (bounded) for the device to enumerate.
/// </summary>
public sealed class UsbPortPowerKnob : LinuxHardwareKnob
{
    private static readonly KnobValue On = KnobValue.FromText("on");
    private static readonly KnobValue Off = KnobValue.FromText("off");
    private readonly ISysfs _sysfs;

    /// <summary>Creates the knob for the port of a located device.</summary>
    public UsbPortPowerKnob(ISysfs sysfs, UsbPortLocation location, string name, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, ParameterRole.EdgeAccelerator, options, logger)
    {
        _sysfs = sysfs ?? throw new ArgumentNullException(nameof(sysfs));
        Location = location ?? throw new ArgumentNullException(nameof(location));
        if (!sysfs.FileExists(location.DisablePath))
        {
            throw new ArgumentException($"{sysfs.GetFullPath(location.DisablePath)} does not exist: the kernel (4.20 or later needed) offers no port power switch for {location.Device}.", nameof(location));
        }
    }

    /// <summary>Where the device and its port are.</summary>
    public UsbPortLocation Location { get; }

    /// <inheritdoc />
    public override string Description => $"USB {Location.Id} at {Location.Device}, port switch {Location.DisablePath}";

    private protected override KnobDomain DiscoverDomain() => new([Off, On]);

    private protected override KnobValue? Normalize(KnobValue value, KnobDomain domain) =>
        value.Text.ToLowerInvariant() switch
        {
            "on" or "1" => On,
            "off" or "0" => Off,
            _ => null,
        };

    private protected override ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_sysfs.Read(Location.DisablePath) == "1" ? Off : On);

    private protected override ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(_sysfs.Read(Location.DisablePath));

    private protected override async ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken) =>
        await SetAsync(target == On ? "0" : "1", cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken) =>
        await SetAsync((string)state, cancellationToken).ConfigureAwait(false);

    private async ValueTask SetAsync(string disable, CancellationToken cancellationToken)
    {
        if (_sysfs.Read(Location.DisablePath) != disable)
        {
            WriteVerified(_sysfs, Location.DisablePath, disable);
        }

        var wantPresent = disable == "0";
        var devicePath = $"bus/usb/devices/{Location.Device}";
        await WaitSettledAsync(
            () => _sysfs.FileExists($"{devicePath}/idVendor") == wantPresent,
            _sysfs.GetFullPath(devicePath),
            () => wantPresent ? $"the device did not enumerate again at {Location.Device}" : $"the device is still present at {Location.Device}",
            cancellationToken).ConfigureAwait(false);
    }
}
