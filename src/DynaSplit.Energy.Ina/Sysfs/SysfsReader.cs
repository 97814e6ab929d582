using System.Buffers.Text;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace DynaSplit.Energy.Ina.Sysfs;

/// <summary>
/// Reads sysfs attributes without allocating: pread at offset 0 into a stack buffer, parsed in place (sysfs
/// regenerates an attribute on every read from offset 0). A sampling reader keeps each attribute open between reads
/// and reopens it once <c>reopenAfter</c> has passed, so a sensor whose device disappeared fails within that time
/// even where an open handle would still read (a deleted regular file), while most samples cost one syscall.
/// </summary>
internal sealed class SysfsReader : ISysfsReader
{
    private readonly long _reopenTicks;
    private readonly Dictionary<string, (SafeFileHandle Handle, long OpenedAt)> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A reader that opens the file for every read (discovery, one-off reads).</summary>
    public static SysfsReader Instance { get; } = new(TimeSpan.Zero);

    /// <summary>Creates a reader keeping attributes open for <paramref name="reopenAfter"/> (zero: never kept open).</summary>
    public SysfsReader(TimeSpan reopenAfter)
    {
        _reopenTicks = (long)(reopenAfter.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The reopen interval of the readers sensors use.</summary>
    public static TimeSpan SamplingReopenInterval { get; } = TimeSpan.FromMilliseconds(50);

    public long ReadInt64(string path)
    {
        Span<byte> buffer = stackalloc byte[64];
        int read;
        try
        {
            if (_reopenTicks <= 0)
            {
                using var handle = Open(path);
                read = RandomAccess.Read(handle, buffer, 0);
            }
            else
            {
                lock (_gate)
                {
                    read = RandomAccess.Read(Handle(path), buffer, 0);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Forget(path);
            throw new IOException($"Cannot read sensor attribute '{path}': {ex.Message}", ex);
        }

        var text = buffer[..read].TrimEnd("\n\r\t "u8).TrimStart(" \t"u8);
        if (text.Length == 0 || !Utf8Parser.TryParse(text, out long value, out var consumed) || consumed != text.Length)
        {
            throw new IOException($"Sensor attribute '{path}' holds '{System.Text.Encoding.ASCII.GetString(buffer[..read]).Trim()}', not an integer.");
        }

        return value;
    }

    public string? TryReadText(string path)
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

    private static SafeFileHandle Open(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private SafeFileHandle Handle(string path)
    {
        var now = Stopwatch.GetTimestamp();
        if (_open.TryGetValue(path, out var entry))
        {
            if (now - entry.OpenedAt < _reopenTicks)
            {
                return entry.Handle;
            }

            entry.Handle.Dispose();
            _open.Remove(path);
        }

        var handle = Open(path);
        _open[path] = (handle, now);
        return handle;
    }

    private void Forget(string path)
    {
        if (_reopenTicks <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_open.Remove(path, out var entry))
            {
                entry.Handle.Dispose();
            }
        }
    }
}
