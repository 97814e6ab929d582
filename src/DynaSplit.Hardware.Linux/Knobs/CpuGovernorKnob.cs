using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>The cpufreq governor of one policy; the domain is <c>scaling_available_governors</c>.</summary>
public sealed class CpuGovernorKnob : LinuxHardwareKnob
{
    private readonly ISysfs _sysfs;
    private readonly string _dir;

    /// <summary>Creates the knob for <paramref name="policy"/> (for example <c>policy0</c>).</summary>
    public CpuGovernorKnob(ISysfs sysfs, string policy, string name, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, ParameterRole.Other, options, logger)
    {
        _sysfs = sysfs ?? throw new ArgumentNullException(nameof(sysfs));
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        Policy = policy;
        _dir = $"devices/system/cpu/cpufreq/{policy}";
        if (!sysfs.FileExists($"{_dir}/scaling_available_governors"))
        {
            throw new ArgumentException($"{sysfs.GetFullPath($"{_dir}/scaling_available_governors")} does not exist: the kernel has no cpufreq policy '{policy}' with governors.", nameof(policy));
        }
    }

    /// <inheritdoc />
    protected override SettingKind? Setting => SettingKind.CpuGovernor;

    /// <summary>The policy directory name.</summary>
    public string Policy { get; }

    /// <inheritdoc />
    public override string Description => $"cpufreq {Policy} governor";

    private protected override KnobDomain DiscoverDomain() =>
        new(ReadList(_sysfs, $"{_dir}/scaling_available_governors").Select(KnobValue.FromText));

    private protected override ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(KnobValue.FromText(_sysfs.Read($"{_dir}/scaling_governor")));

    private protected override ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken)
    {
        var governor = _sysfs.Read($"{_dir}/scaling_governor");
        var setspeed = governor == "userspace" ? _sysfs.Read($"{_dir}/scaling_setspeed") : null;
        return ValueTask.FromResult<object>(new State(governor, setspeed));
    }

    private protected override ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken)
    {
        WriteVerified(_sysfs, $"{_dir}/scaling_governor", target.Text);
        return ValueTask.CompletedTask;
    }

    private protected override ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken)
    {
        var original = (State)state;
        if (_sysfs.Read($"{_dir}/scaling_governor") != original.Governor)
        {
            WriteVerified(_sysfs, $"{_dir}/scaling_governor", original.Governor);
        }

        if (original.SetSpeed is { } speed && long.TryParse(speed, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            _sysfs.Write($"{_dir}/scaling_setspeed", speed);
        }

        return ValueTask.CompletedTask;
    }

    private sealed record State(string Governor, string? SetSpeed);
}
