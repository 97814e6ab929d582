using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DynaSplit.Hardware.Linux;

/// <summary>A USB vendor and product id pair, written <c>vvvv:pppp</c> in hexadecimal as lsusb and sysfs show them.</summary>
/// <param name="VendorId">The vendor id (idVendor).</param>
/// <param name="ProductId">The product id (idProduct).</param>
public readonly record struct UsbDeviceId(ushort VendorId, ushort ProductId)
{
    /// <summary>The Coral USB Accelerator before its firmware is loaded (Global Unichip Corp.).</summary>
    public static UsbDeviceId CoralBootloader { get; } = new(0x1a6e, 0x089a);

    /// <summary>The Coral USB Accelerator once its firmware runs (Google Inc.).</summary>
    public static UsbDeviceId CoralRuntime { get; } = new(0x18d1, 0x9302);

    /// <summary>Parses <c>vvvv:pppp</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out UsbDeviceId? id)
    {
        id = null;
        var parts = text?.Trim().Split(':');
        if (parts is not { Length: 2 } || parts[0].Length != 4 || parts[1].Length != 4
            || !ushort.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var vendor)
            || !ushort.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var product))
        {
            return false;
        }

        id = new UsbDeviceId(vendor, product);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{VendorId:x4}:{ProductId:x4}";
}
