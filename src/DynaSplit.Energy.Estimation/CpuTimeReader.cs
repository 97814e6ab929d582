using System.Globalization;
using System.Runtime.InteropServices;

namespace DynaSplit.Energy.Estimation;

/// <summary>Reads the CPU seconds consumed so far by this process (/proc/self/stat) or its cgroup (cpu.stat usage_usec).</summary>
public sealed partial class CpuTimeReader
{
    private readonly string _path;
    private readonly CpuTimeScope _scope;
    private readonly double _ticksPerSecond;

    private CpuTimeReader(string path, CpuTimeScope scope, double ticksPerSecond)
    {
        _path = path;
        _scope = scope;
        _ticksPerSecond = ticksPerSecond;
    }

    /// <summary>The file read.</summary>
    public string Path => _path;

    /// <summary>Creates a reader for the options' scope.</summary>
    /// <exception cref="IOException">The cgroup cannot be found (not cgroup v2, or /proc/self/cgroup unreadable).</exception>
    public static CpuTimeReader Create(EstimatedEnergyMeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Scope == CpuTimeScope.Process)
        {
            return new CpuTimeReader(System.IO.Path.Combine(options.ProcRoot, "self", "stat"), CpuTimeScope.Process, options.ClockTicksPerSecond ?? ClockTicks());
        }

        var cgroup = options.CgroupPath;
        if (cgroup is null)
        {
            var file = System.IO.Path.Combine(options.ProcRoot, "self", "cgroup");
            var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
            cgroup = lines.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..]
                ?? throw new IOException($"'{file}' has no cgroup v2 line (0::/path): the host uses cgroup v1, which the estimator does not read. Use Scope = Process or set CgroupPath.");
        }

        var path = System.IO.Path.Combine(options.CgroupRoot, cgroup.TrimStart('/'), "cpu.stat");
        return new CpuTimeReader(path, CpuTimeScope.Cgroup, 1);
    }

    /// <summary>CPU seconds consumed so far.</summary>
    /// <exception cref="IOException">The file is gone or not in the expected format; the message names it.</exception>
    public double ReadCpuSeconds()
    {
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read CPU time from '{_path}': {ex.Message}", ex);
        }

        return _scope == CpuTimeScope.Process ? ParseStat(text, _ticksPerSecond, _path) : ParseCpuStat(text, _path);
    }

    /// <summary>utime + stime (fields 14 and 15 of proc(5) stat) in seconds.</summary>
    internal static double ParseStat(string text, double ticksPerSecond, string path)
    {
        // The command name (field 2) is in parentheses and may hold spaces or ')' itself: split after the last ')'.
        var close = text.LastIndexOf(')');
        var fields = close < 0 ? [] : text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            throw new IOException($"'{path}' is not a proc stat line (expected utime and stime in fields 14 and 15).");
        }

        return (utime + stime) / ticksPerSecond;
    }

    /// <summary>usage_usec of cgroup v2 cpu.stat in seconds.</summary>
    internal static double ParseCpuStat(string text, string path)
    {
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "usage_usec" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var usec))
            {
                return usec * 1e-6;
            }
        }

        throw new IOException($"'{path}' has no usage_usec line (cgroup v2 cpu.stat).");
    }

    private static double ClockTicks()
    {
        try
        {
            var ticks = SysConf(2); // _SC_CLK_TCK on Linux
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100; // USER_HZ is 100 on every Linux architecture
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
