using System.Text;

namespace DynaSplit.Hardware.Linux.Sysfs;

/// <summary>
/// The real file system under a root directory: <c>/sys</c> on a board, or a recorded tree copied anywhere.
/// Writes open the file with truncation and write the value with one system call, like <c>echo value &gt; file</c>.
/// </summary>
public sealed class PhysicalSysfs : ISysfs
{
    private const int Eperm = 1;
    private const int Enoent = 2;
    private const int Ebusy = 16;
    private const int Einval = 22;
    private const int Erofs = 30;

    /// <summary>Creates the accessor over <paramref name="root"/> (default <c>/sys</c>).</summary>
    public PhysicalSysfs(string root = "/sys")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = System.IO.Path.GetFullPath(root);
    }

    /// <inheritdoc />
    public string Root { get; }

    /// <inheritdoc />
    public string GetFullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return System.IO.Path.Combine(Root, path.TrimStart('/'));
    }

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(GetFullPath(path));

    /// <inheritdoc />
    public bool DirectoryExists(string path) => Directory.Exists(GetFullPath(path));

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string path)
    {
        var full = GetFullPath(path);
        if (!Directory.Exists(full))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(full))
        {
            // Directory.Exists follows links: /sys/class/* and /sys/bus/*/devices/* are links to directories.
            if (Directory.Exists(entry))
            {
                names.Add(System.IO.Path.GetFileName(entry));
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public string Read(string path)
    {
        var full = GetFullPath(path);
        try
        {
            return File.ReadAllText(full, Encoding.ASCII).TrimEnd('\n', '\r', ' ', '\t', '\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Translate(ex, full, null);
        }
    }

    /// <inheritdoc />
    public void Write(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var full = GetFullPath(path);
        var bytes = Encoding.ASCII.GetBytes(value + "\n");
        try
        {
            using var handle = File.OpenHandle(full, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite);
            RandomAccess.Write(handle, bytes, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Translate(ex, full, value);
        }
    }

    /// <summary>Maps an exception of the file API to a <see cref="SysfsException"/> that says what to do.</summary>
    internal static SysfsException Translate(Exception ex, string fullPath, string? value)
    {
        var kind = ex switch
        {
            SysfsException s => s.Kind,
            FileNotFoundException or DirectoryNotFoundException => SysfsErrorKind.NotFound,
            UnauthorizedAccessException => SysfsErrorKind.PermissionDenied,
            IOException io when io.HResult == Erofs || io.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => SysfsErrorKind.ReadOnlyFileSystem,
            IOException io when io.HResult == Einval || io.Message.Contains("Invalid argument", StringComparison.OrdinalIgnoreCase) => SysfsErrorKind.InvalidArgument,
            IOException io when io.HResult == Ebusy || io.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) => SysfsErrorKind.Busy,
            IOException io when io.HResult == Eperm => SysfsErrorKind.PermissionDenied,
            IOException io when io.HResult == Enoent => SysfsErrorKind.NotFound,
            _ => SysfsErrorKind.Other,
        };
        return ex as SysfsException ?? SysfsException.Create(fullPath, value, kind, ex);
    }
}
