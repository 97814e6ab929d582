using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// How many CPU cores are online, through CPU hotplug (<c>/sys/devices/system/cpu/cpuN/online</c>). cpu0 is never
/// touched: a value of k keeps cpu0 and the k-1 lowest-numbered hot-pluggable CPUs online and takes the others
/// offline. The domain is 1..(1 + the number of CPUs with an <c>online</c> file, cpu0 excluded).
/// </summary>
public sealed class OnlineCoresKnob : LinuxHardwareKnob
{
    private readonly ISysfs _sysfs;

    /// <summary>Creates the knob; <see cref="HotpluggableCpus"/> is read from the board now.</summary>
    public OnlineCoresKnob(ISysfs sysfs, string name, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, ParameterRole.Other, options, logger)
    {
        _sysfs = sysfs ?? throw new ArgumentNullException(nameof(sysfs));
        HotpluggableCpus = FindHotpluggable(sysfs);
        if (HotpluggableCpus.Count == 0)
        {
            throw new ArgumentException($"No CPU other than cpu0 has an 'online' file under {sysfs.GetFullPath("devices/system/cpu")}; CPU hotplug is not available.", nameof(sysfs));
        }
    }

    /// <inheritdoc />
    protected override SettingKind? Setting => SettingKind.CpuCores;

    /// <summary>The CPUs (cpu0 excluded) the kernel lets user space take offline, ascending.</summary>
    public IReadOnlyList<int> HotpluggableCpus { get; }

    /// <inheritdoc />
    public override string Description => $"CPU hotplug of cpu{string.Join(",cpu", HotpluggableCpus)} (cpu0 stays online)";

    /// <summary>The hot-pluggable CPUs other than cpu0 under <paramref name="sysfs"/>.</summary>
    public static IReadOnlyList<int> FindHotpluggable(ISysfs sysfs)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        var cpus = new List<int>();
        foreach (var dir in sysfs.ListDirectories("devices/system/cpu"))
        {
            if (dir.Length > 3 && dir.StartsWith("cpu", StringComparison.Ordinal)
                && int.TryParse(dir.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index > 0 && sysfs.FileExists($"devices/system/cpu/{dir}/online"))
            {
                cpus.Add(index);
            }
        }

        cpus.Sort();
        return cpus;
    }

    private static string OnlinePath(int cpu) => $"devices/system/cpu/cpu{cpu}/online";

    private protected override KnobDomain DiscoverDomain() =>
        new(Enumerable.Range(1, HotpluggableCpus.Count + 1).Select(n => KnobValue.FromNumber(n)), "cores");

    private protected override ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(KnobValue.FromNumber(1 + HotpluggableCpus.Count(cpu => _sysfs.Read(OnlinePath(cpu)) == "1")));

    private protected override ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new State(HotpluggableCpus.ToDictionary(cpu => cpu, cpu => _sysfs.Read(OnlinePath(cpu)))));

    private protected override ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken)
    {
        var keep = (int)target.Number!.Value - 1;
        Set(HotpluggableCpus.Select((cpu, i) => (cpu, i < keep ? "1" : "0")));
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken)
    {
        Set(((State)state).Online.Select(pair => (pair.Key, pair.Value)));
        return ValueTask.CompletedTask;
    }

    // Bring CPUs online before taking others offline, so the board never runs on fewer cores than either state.
    private void Set(IEnumerable<(int Cpu, string Online)> wanted)
    {
        var list = wanted.ToList();
        foreach (var (cpu, online) in list.Where(w => w.Online == "1").Concat(list.Where(w => w.Online != "1")))
        {
            if (_sysfs.Read(OnlinePath(cpu)) != online)
            {
                WriteVerified(_sysfs, OnlinePath(cpu), online);
            }
        }
    }

    private sealed record State(Dictionary<int, string> Online)
    {
        public override string ToString() => string.Join(" ", Online.Select(p => $"cpu{p.Key}={p.Value}"));
    }
}
