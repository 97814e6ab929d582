using DynaSplit.Hardware.Linux.Sysfs;

namespace DynaSplit.Hardware.Linux.Platform;

/// <summary>
/// Recognises the board from <c>/proc/device-tree/model</c> and <c>compatible</c> (falling back to
/// <c>/sys/firmware/devicetree/base</c>, which /proc/device-tree links to).
/// </summary>
public static class PlatformDetector
{
    /// <summary>Reads the device tree under <paramref name="procRoot"/> or <paramref name="sysfs"/> and classifies the board.</summary>
    public static LinuxPlatform Detect(string procRoot, ISysfs sysfs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(procRoot);
        ArgumentNullException.ThrowIfNull(sysfs);
        var model = ReadProc(procRoot, "device-tree/model") ?? ReadSys(sysfs, "firmware/devicetree/base/model") ?? string.Empty;
        var compatibleText = ReadProc(procRoot, "device-tree/compatible") ?? ReadSys(sysfs, "firmware/devicetree/base/compatible") ?? string.Empty;
        var compatible = compatibleText.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LinuxPlatform(Classify(model, compatible), model, compatible);
    }

    /// <summary>Classifies a model string and compatible list.</summary>
    public static BoardFamily Classify(string model, IReadOnlyList<string> compatible)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(compatible);
        bool Has(string text) => model.Contains(text, StringComparison.OrdinalIgnoreCase);
        bool Compat(string prefix) => compatible.Any(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

        if (Has("Raspberry Pi") || Compat("raspberrypi,"))
        {
            if (Has("Raspberry Pi 5") || Has("Compute Module 5") || Compat("raspberrypi,5") || Compat("brcm,bcm2712"))
            {
                return BoardFamily.RaspberryPi5;
            }

            return Has("Raspberry Pi 4") || Has("Raspberry Pi 400") || Has("Compute Module 4") || Compat("raspberrypi,4") || Compat("brcm,bcm2711")
                ? BoardFamily.RaspberryPi4
                : BoardFamily.RaspberryPiOther;
        }

        if (Has("Jetson") || Has("NVIDIA") || Compat("nvidia,"))
        {
            if (Has("Orin"))
            {
                return Has("AGX") ? BoardFamily.JetsonAgxOrin : Has("Orin NX") ? BoardFamily.JetsonOrinNx : Has("Orin Nano") ? BoardFamily.JetsonOrinNano : BoardFamily.JetsonOther;
            }

            if (Has("Xavier"))
            {
                return Has("Xavier NX") ? BoardFamily.JetsonXavierNx : Has("AGX") ? BoardFamily.JetsonAgxXavier : BoardFamily.JetsonOther;
            }

            if (Has("Jetson Nano") || Compat("nvidia,p3450") || Compat("nvidia,tegra210"))
            {
                return BoardFamily.JetsonNano;
            }

            return Compat("nvidia,tegra") || Has("Jetson") ? BoardFamily.JetsonOther : BoardFamily.Unknown;
        }

        return BoardFamily.Unknown;
    }

    private static string? ReadProc(string procRoot, string relative)
    {
        var path = Path.Combine(procRoot, relative);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\0', '\n', ' ') : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadSys(ISysfs sysfs, string relative)
    {
        try
        {
            return sysfs.FileExists(relative) ? sysfs.Read(relative) : null;
        }
        catch (SysfsException)
        {
            return null;
        }
    }
}
