using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;

namespace DynaSplit.Hardware.Linux.Tests.Emulation;

/// <summary>
/// A recorded sysfs tree with the kernel's write rules applied, so that plain files behave like kernel attributes:
/// <list type="bullet">
/// <item>read-only attributes (cpuinfo_*, scaling_available_*, scaling_cur_freq, cur_freq, ...) refuse writes (EACCES);</item>
/// <item>cpufreq and devfreq limits must be numbers inside the hardware range, and a write that would put min above max
/// is rejected (EINVAL), as kernel 4.9's cpufreq_set_policy and devfreq store_min/max_freq do;</item>
/// <item>scaling_governor takes only a listed governor; scaling_setspeed reads <c>&lt;unsupported&gt;</c> and refuses writes
/// unless the governor is userspace, where it is clamped into the limits and rounded up to a table level;</item>
/// <item>the current frequency follows the governor (performance: max, powersave: min, userspace: setspeed, dynamic
/// governors on an idle board: min) and shows the new value only after <see cref="SettleReads"/> reads;</item>
/// <item>cpuN/online takes 0 or 1 and keeps devices/system/cpu/online and offline up to date; cpu0 refuses 0 (EBUSY);</item>
/// <item>a USB port's disable=1 removes the device under bus/usb/devices, disable=0 brings it back;</item>
/// <item><see cref="ReadOnlyMount"/> and <see cref="DeniedPaths"/> emulate a read-only sysfs and a missing permission.</item>
/// </list>
/// Values are always read back in the file's unit (kHz for cpufreq, Hz for devfreq).
/// </summary>
internal sealed class EmulatedSysfs : ISysfs
{
    private readonly PhysicalSysfs _files;
    private readonly Dictionary<string, (string Value, int ReadsLeft)> _pending = new(StringComparer.Ordinal);
    private readonly string _unplugged;

    public EmulatedSysfs(string root)
    {
        _files = new PhysicalSysfs(root);
        _unplugged = Path.Combine(Path.GetDirectoryName(_files.Root)!, ".unplugged");
    }

    /// <summary>How many reads of a current-frequency file show the old value after a change (0: at once).</summary>
    public int SettleReads { get; set; } = 2;

    /// <summary>Every accepted write, in order.</summary>
    public List<(string Path, string Value)> Writes { get; } = [];

    /// <summary>Every refused write, in order.</summary>
    public List<(string Path, string Value, SysfsErrorKind Kind)> Refused { get; } = [];

    /// <summary>Paths (relative) whose writes fail with permission denied.</summary>
    public HashSet<string> DeniedPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>When true every write fails as on a read-only mount.</summary>
    public bool ReadOnlyMount { get; set; }

    /// <summary>Called after each read with the path (tests use it to cancel in the middle of a wait).</summary>
    public Action<string>? OnRead { get; set; }

    public string Root => _files.Root;

    public string GetFullPath(string path) => _files.GetFullPath(path);

    public bool FileExists(string path) => _files.FileExists(path);

    public bool DirectoryExists(string path) => _files.DirectoryExists(path);

    public IReadOnlyList<string> ListDirectories(string path) => _files.ListDirectories(path);

    /// <summary>Lets every pending value show (time passes).</summary>
    public void Settle()
    {
        foreach (var (path, (value, _)) in _pending.ToList())
        {
            File.WriteAllText(GetFullPath(path), value + "\n");
        }

        _pending.Clear();
    }

    public string Read(string path)
    {
        if (_pending.TryGetValue(path, out var pending))
        {
            if (pending.ReadsLeft <= 1)
            {
                File.WriteAllText(GetFullPath(path), pending.Value + "\n");
                _pending.Remove(path);
            }
            else
            {
                _pending[path] = (pending.Value, pending.ReadsLeft - 1);
            }
        }

        var text = _files.Read(path);
        OnRead?.Invoke(path);
        return text;
    }

    public void Write(string path, string value)
    {
        var text = value.Trim();
        var kind = Check(path, text);
        if (kind is { } refused)
        {
            Refused.Add((path, text, refused));
            throw SysfsException.Create(GetFullPath(path), text, refused);
        }

        Writes.Add((path, text));
    }

    private SysfsErrorKind? Check(string path, string value)
    {
        if (ReadOnlyMount)
        {
            return SysfsErrorKind.ReadOnlyFileSystem;
        }

        if (!FileExists(path))
        {
            return SysfsErrorKind.NotFound;
        }

        if (DeniedPaths.Contains(path))
        {
            return SysfsErrorKind.PermissionDenied;
        }

        var dir = Path.GetDirectoryName(path)!.Replace('\\', '/');
        var file = Path.GetFileName(path);
        if (dir.StartsWith("devices/system/cpu/cpufreq/policy", StringComparison.Ordinal))
        {
            return WriteCpufreq(dir, file, value);
        }

        if (dir.StartsWith("class/devfreq/", StringComparison.Ordinal))
        {
            return WriteDevfreq(dir, file, value);
        }

        if (file == "online" && dir.StartsWith("devices/system/cpu/cpu", StringComparison.Ordinal))
        {
            return WriteOnline(dir, value);
        }

        if (file == "disable" && dir.StartsWith("bus/usb/devices/", StringComparison.Ordinal))
        {
            return WriteUsbDisable(dir, value);
        }

        return SysfsErrorKind.PermissionDenied;
    }

    private SysfsErrorKind? WriteCpufreq(string dir, string file, string value)
    {
        var governor = _files.Read($"{dir}/scaling_governor");
        switch (file)
        {
            case "scaling_governor":
                if (!_files.Read($"{dir}/scaling_available_governors").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(value))
                {
                    return SysfsErrorKind.InvalidArgument;
                }

                Store($"{dir}/scaling_governor", value);
                // Starting the userspace governor sets its speed to the current frequency.
                Store($"{dir}/scaling_setspeed", value == "userspace" ? Current(dir, "scaling_cur_freq") : "<unsupported>");
                break;
            case "scaling_setspeed":
                if (governor != "userspace" || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var speed))
                {
                    return SysfsErrorKind.InvalidArgument;
                }

                var levels = Levels($"{dir}/scaling_available_frequencies");
                var clamped = Math.Clamp(speed, Number($"{dir}/scaling_min_freq"), Number($"{dir}/scaling_max_freq"));
                var level = levels.Where(l => l >= clamped).DefaultIfEmpty(levels.Count > 0 ? levels.Max() : clamped).Min();
                Store($"{dir}/scaling_setspeed", Text(level));
                break;
            case "scaling_min_freq":
            case "scaling_max_freq":
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                    || limit < Number($"{dir}/cpuinfo_min_freq") || limit > Number($"{dir}/cpuinfo_max_freq")
                    || (file == "scaling_min_freq" && limit > Number($"{dir}/scaling_max_freq"))
                    || (file == "scaling_max_freq" && limit < Number($"{dir}/scaling_min_freq")))
                {
                    return SysfsErrorKind.InvalidArgument;
                }

                Store($"{dir}/{file}", Text(limit));
                if (governor == "userspace")
                {
                    var set = Number($"{dir}/scaling_setspeed");
                    Store($"{dir}/scaling_setspeed", Text(Math.Clamp(set, Number($"{dir}/scaling_min_freq"), Number($"{dir}/scaling_max_freq"))));
                }

                break;
            default:
                return SysfsErrorKind.PermissionDenied;
        }

        var newGovernor = _files.Read($"{dir}/scaling_governor");
        var min = Number($"{dir}/scaling_min_freq");
        var max = Number($"{dir}/scaling_max_freq");
        var target = newGovernor switch
        {
            "performance" => max,
            "userspace" => Number($"{dir}/scaling_setspeed"),
            _ => min,
        };
        SetCurrent($"{dir}/scaling_cur_freq", target);
        return null;
    }

    private SysfsErrorKind? WriteDevfreq(string dir, string file, string value)
    {
        switch (file)
        {
            case "governor":
                if (!_files.Read($"{dir}/available_governors").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(value))
                {
                    return SysfsErrorKind.InvalidArgument;
                }

                Store($"{dir}/governor", value);
                break;
            case "min_freq":
            case "max_freq":
                var levels = Levels($"{dir}/available_frequencies");
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
                    || limit < levels.Min() || limit > levels.Max()
                    || (file == "min_freq" && limit > Number($"{dir}/max_freq"))
                    || (file == "max_freq" && limit < Number($"{dir}/min_freq")))
                {
                    return SysfsErrorKind.InvalidArgument;
                }

                Store($"{dir}/{file}", Text(limit));
                break;
            default:
                return SysfsErrorKind.PermissionDenied;
        }

        var target = _files.Read($"{dir}/governor") == "performance" ? Number($"{dir}/max_freq") : Number($"{dir}/min_freq");
        SetCurrent($"{dir}/cur_freq", target);
        return null;
    }

    private SysfsErrorKind? WriteOnline(string dir, string value)
    {
        if (value is not ("0" or "1"))
        {
            return SysfsErrorKind.InvalidArgument;
        }

        if (dir.EndsWith("/cpu0", StringComparison.Ordinal) && value == "0")
        {
            return SysfsErrorKind.Busy;
        }

        Store($"{dir}/online", value);
        var online = new List<int>();
        var offline = new List<int>();
        foreach (var cpu in ListDirectories("devices/system/cpu").Where(d => d.Length > 3 && d.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(d[3])))
        {
            var index = int.Parse(cpu.AsSpan(3), CultureInfo.InvariantCulture);
            (_files.Read($"devices/system/cpu/{cpu}/online") == "1" ? online : offline).Add(index);
        }

        Store("devices/system/cpu/online", Ranges(online));
        Store("devices/system/cpu/offline", Ranges(offline));
        return null;
    }

    private SysfsErrorKind? WriteUsbDisable(string dir, string value)
    {
        if (value is not ("0" or "1"))
        {
            return SysfsErrorKind.InvalidArgument;
        }

        // bus/usb/devices/<hub interface>/<port>: usbB-portN holds device B-N, H-portN holds device H.N.
        var portDir = Path.GetFileName(dir);
        var cut = portDir.LastIndexOf("-port", StringComparison.Ordinal);
        var owner = portDir[..cut];
        var number = portDir[(cut + 5)..];
        var device = owner.StartsWith("usb", StringComparison.Ordinal) ? $"{owner[3..]}-{number}" : $"{owner}.{number}";
        var present = GetFullPath($"bus/usb/devices/{device}");
        var stashed = Path.Combine(_unplugged, device);
        Store($"{dir}/disable", value);
        if (value == "1" && Directory.Exists(present))
        {
            Directory.CreateDirectory(_unplugged);
            Directory.Move(present, stashed);
        }
        else if (value == "0" && Directory.Exists(stashed))
        {
            Directory.Move(stashed, present);
        }

        return null;
    }

    private void Store(string path, string value) => File.WriteAllText(GetFullPath(path), value + "\n");

    private string Current(string dir, string file) =>
        _pending.TryGetValue($"{dir}/{file}", out var pending) ? pending.Value : _files.Read($"{dir}/{file}");

    private void SetCurrent(string path, long value)
    {
        var text = Text(value);
        var shown = _files.Read(path);
        if (shown == text)
        {
            _pending.Remove(path);
        }
        else if (SettleReads <= 0)
        {
            Store(path, text);
        }
        else
        {
            _pending[path] = (text, SettleReads);
        }
    }

    private long Number(string path) => long.Parse(_files.Read(path), NumberStyles.None, CultureInfo.InvariantCulture);

    private List<long> Levels(string path) => _files.FileExists(path)
        ? _files.Read(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList()
        : [];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ranges(List<int> cpus)
    {
        cpus.Sort();
        var parts = new List<string>();
        for (var i = 0; i < cpus.Count;)
        {
            var j = i;
            while (j + 1 < cpus.Count && cpus[j + 1] == cpus[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? Text(cpus[i]) : $"{cpus[i]}-{cpus[j]}");
            i = j + 1;
        }

        return string.Join(",", parts);
    }
}
