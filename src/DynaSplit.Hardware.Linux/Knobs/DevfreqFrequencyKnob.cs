using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// The frequency of a devfreq device (<c>/sys/class/devfreq/NAME</c>: the Jetson GPU is 57000000.gpu on a Nano,
/// 17000000.gv11b on Xavier, 17000000.ga10b or 17000000.gpu on Orin), in Hz as devfreq reports it. The domain is
/// <c>available_frequencies</c> (or min_freq and max_freq where it is missing). The frequency is pinned by setting
/// <c>min_freq</c> and <c>max_freq</c> to the target, written in the order the kernel accepts, and applying waits
/// (bounded) for <c>cur_freq</c> to reach it.
/// </summary>
public sealed class DevfreqFrequencyKnob : LinuxHardwareKnob
{
    private readonly ISysfs _sysfs;
    private readonly string _dir;

    /// <summary>Creates the knob for the devfreq device <paramref name="device"/> (a directory name under class/devfreq).</summary>
    public DevfreqFrequencyKnob(ISysfs sysfs, string device, string name, ParameterRole role = ParameterRole.EdgeGpuFrequency, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, role, options, logger)
    {
        _sysfs = sysfs ?? throw new ArgumentNullException(nameof(sysfs));
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Device = device;
        _dir = $"class/devfreq/{device}";
        foreach (var file in new[] { "min_freq", "max_freq", "cur_freq" })
        {
            if (!sysfs.FileExists($"{_dir}/{file}"))
            {
                throw new ArgumentException($"{sysfs.GetFullPath($"{_dir}/{file}")} does not exist: '{device}' is not a devfreq device with frequency limits.", nameof(device));
            }
        }
    }

    /// <summary>The devfreq device name.</summary>
    public string Device { get; }

    /// <inheritdoc />
    public override string Description => $"devfreq {Device} via min_freq/max_freq pinning";

    private string Path(string file) => $"{_dir}/{file}";

    private protected override KnobDomain DiscoverDomain()
    {
        var listed = ReadList(_sysfs, Path("available_frequencies"))
            .Select(t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToList();
        var values = listed.Count > 0 ? listed : [ReadLong(_sysfs, Path("min_freq")), ReadLong(_sysfs, Path("max_freq"))];
        return new KnobDomain(values.Select(v => KnobValue.FromNumber(v)), "Hz");
    }

    private protected override ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(KnobValue.FromNumber(ReadLong(_sysfs, Path("cur_freq"))));

    private protected override ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<object>(new State(ReadLong(_sysfs, Path("min_freq")), ReadLong(_sysfs, Path("max_freq"))));

    private protected override async ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken)
    {
        var hz = (long)target.Number!.Value;
        WriteLimits(_sysfs, Path("min_freq"), Path("max_freq"), hz, hz);
        long current = 0;
        await WaitSettledAsync(
            () => (current = ReadLong(_sysfs, Path("cur_freq"))) == hz,
            _sysfs.GetFullPath(Path("cur_freq")),
            () => $"the current frequency is {current} Hz, not the {hz} Hz asked for",
            cancellationToken).ConfigureAwait(false);
    }

    private protected override ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken)
    {
        var original = (State)state;
        WriteLimits(_sysfs, Path("min_freq"), Path("max_freq"), original.Min, original.Max);
        return ValueTask.CompletedTask;
    }

    private sealed record State(long Min, long Max);
}
