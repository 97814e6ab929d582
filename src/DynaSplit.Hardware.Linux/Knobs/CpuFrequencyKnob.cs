using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// The frequency of one cpufreq policy (<c>/sys/devices/system/cpu/cpufreq/policyN</c>), in kHz. The domain is
/// <c>scaling_available_frequencies</c> (inside cpuinfo_min_freq..cpuinfo_max_freq), or the two cpuinfo limits where
/// the driver lists no table. The frequency is set through the userspace governor and <c>scaling_setspeed</c> where
/// the kernel offers it, otherwise by pinning <c>scaling_min_freq</c> and <c>scaling_max_freq</c> to the target.
/// Applying waits (bounded) for <c>scaling_cur_freq</c> to reach the target.
/// </summary>
public sealed class CpuFrequencyKnob : LinuxHardwareKnob
{
    private const string Userspace = "userspace";
    private readonly ISysfs _sysfs;
    private readonly string _dir;

    /// <summary>Creates the knob for <paramref name="policy"/> (for example <c>policy0</c>).</summary>
    /// <exception cref="ArgumentException">The policy does not exist, or the strategy asks for a governor the kernel does not offer.</exception>
    public CpuFrequencyKnob(ISysfs sysfs, string policy, string name, CpuFrequencyStrategy strategy = CpuFrequencyStrategy.Auto, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, ParameterRole.EdgeCpuFrequency, options, logger)
    {
        _sysfs = sysfs ?? throw new ArgumentNullException(nameof(sysfs));
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        Policy = policy;
        _dir = $"devices/system/cpu/cpufreq/{policy}";
        if (!sysfs.DirectoryExists(_dir))
        {
            throw new ArgumentException($"{sysfs.GetFullPath(_dir)} does not exist: the kernel has no cpufreq policy '{policy}'.", nameof(policy));
        }

        foreach (var file in new[] { "cpuinfo_min_freq", "cpuinfo_max_freq", "scaling_min_freq", "scaling_max_freq", "scaling_cur_freq", "scaling_governor" })
        {
            if (!sysfs.FileExists(Path(file)))
            {
                throw new ArgumentException($"{sysfs.GetFullPath(Path(file))} does not exist: cpufreq {policy} does not offer frequency control.", nameof(policy));
            }
        }

        var offersUserspace = ReadList(sysfs, Path("scaling_available_governors")).Contains(Userspace, StringComparer.Ordinal)
            && sysfs.FileExists(Path("scaling_setspeed"));
        UsesUserspaceGovernor = strategy switch
        {
            CpuFrequencyStrategy.PinLimits => false,
            CpuFrequencyStrategy.UserspaceGovernor => offersUserspace ? true : throw new ArgumentException(
                $"{sysfs.GetFullPath(Path("scaling_available_governors"))} does not offer the userspace governor (or scaling_setspeed is missing); use CpuFrequencyStrategy.PinLimits or Auto, or load the cpufreq_userspace module.",
                nameof(strategy)),
            _ => offersUserspace,
        };
        RelatedCpus = sysfs.FileExists(Path("related_cpus")) ? sysfs.Read(Path("related_cpus")) : "?";
    }

    /// <summary>The policy directory name (policy0, policy4, ...).</summary>
    public string Policy { get; }

    /// <summary>The CPUs the policy governs, as the kernel lists them.</summary>
    public string RelatedCpus { get; }

    /// <summary>True when the knob uses the userspace governor and scaling_setspeed; false when it pins the limits.</summary>
    public bool UsesUserspaceGovernor { get; }

    /// <inheritdoc />
    public override string Description =>
        $"cpufreq {Policy} (CPUs {RelatedCpus}) via {(UsesUserspaceGovernor ? "userspace governor + scaling_setspeed" : "scaling_min_freq/scaling_max_freq pinning")}";

    private string Path(string file) => $"{_dir}/{file}";

    private protected override KnobDomain DiscoverDomain()
    {
        var min = ReadLong(_sysfs, Path("cpuinfo_min_freq"));
        var max = ReadLong(_sysfs, Path("cpuinfo_max_freq"));
        var listed = ReadList(_sysfs, Path("scaling_available_frequencies"))
            .Select(t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture))
            .Where(f => f >= min && f <= max)
            .ToList();
        var values = listed.Count > 0 ? listed : [min, max];
        return new KnobDomain(values.Select(v => KnobValue.FromNumber(v)), "kHz");
    }

    private protected override ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(KnobValue.FromNumber(ReadLong(_sysfs, Path("scaling_cur_freq"))));

    private protected override ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken)
    {
        var governor = _sysfs.Read(Path("scaling_governor"));
        long? setspeed = null;
        if (governor == Userspace && long.TryParse(_sysfs.Read(Path("scaling_setspeed")), NumberStyles.Integer, CultureInfo.InvariantCulture, out var speed))
        {
            setspeed = speed;
        }

        return ValueTask.FromResult<object>(new State(governor, ReadLong(_sysfs, Path("scaling_min_freq")), ReadLong(_sysfs, Path("scaling_max_freq")), setspeed));
    }

    private protected override async ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken)
    {
        var khz = (long)target.Number!.Value;
        if (UsesUserspaceGovernor)
        {
            if (_sysfs.Read(Path("scaling_governor")) != Userspace)
            {
                WriteVerified(_sysfs, Path("scaling_governor"), Userspace);
            }

            // The kernel clamps scaling_setspeed into the policy limits: widen them when the target lies outside.
            var min = ReadLong(_sysfs, Path("scaling_min_freq"));
            var max = ReadLong(_sysfs, Path("scaling_max_freq"));
            if (khz < min || khz > max)
            {
                WriteLimits(_sysfs, Path("scaling_min_freq"), Path("scaling_max_freq"), Math.Min(min, khz), Math.Max(max, khz));
            }

            _sysfs.Write(Path("scaling_setspeed"), khz.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            WriteLimits(_sysfs, Path("scaling_min_freq"), Path("scaling_max_freq"), khz, khz);
        }

        long current = 0;
        await WaitSettledAsync(
            () => (current = ReadLong(_sysfs, Path("scaling_cur_freq"))) == khz,
            _sysfs.GetFullPath(Path("scaling_cur_freq")),
            () => $"the current frequency is {current} kHz, not the {khz} kHz asked for",
            cancellationToken).ConfigureAwait(false);
    }

    private protected override ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken)
    {
        var original = (State)state;
        WriteLimits(_sysfs, Path("scaling_min_freq"), Path("scaling_max_freq"), original.Min, original.Max);
        if (_sysfs.Read(Path("scaling_governor")) != original.Governor)
        {
            WriteVerified(_sysfs, Path("scaling_governor"), original.Governor);
        }

        if (original.SetSpeed is { } speed)
        {
            _sysfs.Write(Path("scaling_setspeed"), speed.ToString(CultureInfo.InvariantCulture));
        }

        return ValueTask.CompletedTask;
    }

    private sealed record State(string Governor, long Min, long Max, long? SetSpeed);
}
