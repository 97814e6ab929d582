namespace DynaSplit.Hardware.Linux.Sysfs;

/// <summary>
/// A sysfs read or write failed. The message names the file, the value and what to do (run as root, install the
/// udev rule of docs/hardware-linux.md, or pick a value the kernel accepts).
/// </summary>
public sealed class SysfsException : IOException
{
    /// <summary>The document that explains permissions.</summary>
    public const string PermissionsHelp = "Run as root, or grant write access to the DynaSplit service user with the udev rule and group described in docs/hardware-linux.md (section Permissions).";

    /// <summary>Creates the exception.</summary>
    public SysfsException(string message, string path, SysfsErrorKind kind, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Kind = kind;
    }

    /// <summary>The full path of the file on the host.</summary>
    public string Path { get; }

    /// <summary>Why the access failed.</summary>
    public SysfsErrorKind Kind { get; }

    /// <summary>Builds the exception for a failed read (<paramref name="value"/> null) or write, with advice for <paramref name="kind"/>.</summary>
    public static SysfsException Create(string fullPath, string? value, SysfsErrorKind kind, Exception? innerException = null)
    {
        var what = value is null ? $"Reading {fullPath}" : $"Writing '{value}' to {fullPath}";
        var message = kind switch
        {
            SysfsErrorKind.NotFound => $"{what} failed: the file does not exist. The board does not offer this interface (or the device went away); check the sysfs root and that the kernel driver is loaded.",
            SysfsErrorKind.PermissionDenied => $"{what} failed: permission denied. {PermissionsHelp}",
            SysfsErrorKind.ReadOnlyFileSystem => $"{what} failed: sysfs is mounted read-only (typical in containers). Run on the host, or start the container with a writable /sys (for example --privileged), as docs/hardware-linux.md explains.",
            SysfsErrorKind.InvalidArgument => $"{what} failed: the kernel rejected the value (invalid argument). Use a value inside the current limits of the device; for frequencies, a level listed in the available frequencies and inside cpuinfo/min-max.",
            SysfsErrorKind.Busy => $"{what} failed: the kernel reports the device busy; the change is not allowed in the current state.",
            _ => $"{what} failed: {innerException?.Message ?? "input/output error"}.",
        };
        return new SysfsException(message, fullPath, kind, innerException);
    }
}
