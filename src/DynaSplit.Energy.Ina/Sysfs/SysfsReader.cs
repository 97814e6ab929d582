using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace DynaSplit.Energy.Ina.Sysfs;

/// <summary>
/// Reads sysfs attributes without allocating: the file is opened for every read (so a sensor whose device went away
/// fails the read instead of returning a stale value), read into a stack buffer and parsed.
/// </summary>
internal sealed class SysfsReader : ISysfsReader
{
    public static SysfsReader Instance { get; } = new();

    public long ReadInt64(string path)
    {
        Span<byte> buffer = stackalloc byte[64];
        int read;
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, buffer, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
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
}
