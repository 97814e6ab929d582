using System.Globalization;
using System.Text.RegularExpressions;
using DynaSplit.Hardware.Linux.Processes;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// The Jetson power mode, through the <c>nvpmodel</c> tool. The modes (id and name) are those of the power-model
/// configuration (<c>/etc/nvpmodel.conf</c>, lines <c>&lt; POWER_MODEL ID=0 NAME=MAXN &gt;</c>); the value is the
/// mode's name (a number is taken as a mode id). Applying runs <c>nvpmodel -m ID</c> and reads the mode back with
/// <c>nvpmodel -q</c>.
/// </summary>
public sealed partial class NvpmodelPowerModeKnob : LinuxHardwareKnob
{
    private readonly IProcessRunner _runner;
    private readonly string _tool;

    /// <summary>Creates the knob over the modes listed in <paramref name="configText"/> (the text of nvpmodel.conf).</summary>
    public NvpmodelPowerModeKnob(IProcessRunner runner, string tool, string configText, string name, LinuxHardwareOptions? options = null, ILogger? logger = null)
        : base(name, ParameterRole.PowerMode, options, logger)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentNullException.ThrowIfNull(configText);
        _tool = tool;
        Modes = ParseModes(configText);
        if (Modes.Count == 0)
        {
            throw new ArgumentException("The nvpmodel configuration lists no '< POWER_MODEL ID=n NAME=... >' line.", nameof(configText));
        }
    }

    /// <summary>The power modes, by id.</summary>
    public IReadOnlyDictionary<int, string> Modes { get; }

    /// <inheritdoc />
    public override string Description => $"nvpmodel power modes {string.Join(", ", Modes.Select(m => $"{m.Key}={m.Value}"))}";

    /// <summary>Reads the modes of an nvpmodel.conf text.</summary>
    public static IReadOnlyDictionary<int, string> ParseModes(string configText)
    {
        ArgumentNullException.ThrowIfNull(configText);
        var modes = new SortedDictionary<int, string>();
        foreach (Match match in PowerModelLine().Matches(configText))
        {
            modes.TryAdd(int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value);
        }

        return modes;
    }

    private protected override KnobDomain DiscoverDomain() => new(Modes.Values.Select(KnobValue.FromText));

    private protected override KnobValue? Normalize(KnobValue value, KnobDomain domain)
    {
        if (Modes.Values.Contains(value.Text, StringComparer.Ordinal))
        {
            return KnobValue.FromText(value.Text);
        }

        return int.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && Modes.TryGetValue(id, out var name)
            ? KnobValue.FromText(name)
            : null;
    }

    private protected override async ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken) =>
        KnobValue.FromText(Modes[await QueryIdAsync(cancellationToken).ConfigureAwait(false)]);

    private protected override async ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken) =>
        await QueryIdAsync(cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken)
    {
        var id = Modes.First(m => m.Value == target.Text).Key;
        await SetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private protected override async ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken) =>
        await SetAsync((int)state, cancellationToken).ConfigureAwait(false);

    private async ValueTask SetAsync(int id, CancellationToken cancellationToken)
    {
        if (await QueryIdAsync(cancellationToken).ConfigureAwait(false) == id)
        {
            return;
        }

        await RunAsync(["-m", id.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        var back = await QueryIdAsync(cancellationToken).ConfigureAwait(false);
        if (back != id)
        {
            throw new HardwareKnobException(
                Name,
                _tool,
                $"{Name}: '{_tool} -m {id}' ({Modes[id]}) returned, but '{_tool} -q' reports mode {back} ({Modes.GetValueOrDefault(back, "?")}). The change may need a reboot (nvpmodel asks for one when the mode changes the CPU cluster layout); choose modes that switch without a reboot.");
        }
    }

    private async ValueTask<int> QueryIdAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(["-q"], cancellationToken).ConfigureAwait(false);

        // "NV Power Mode: MODE_15W_6CORE" then the id on a line of its own (newer versions print "NV Fan Mode" lines too).
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (int.TryParse(lines[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && Modes.ContainsKey(id))
            {
                return id;
            }
        }

        var named = PowerModeLine().Match(output);
        if (named.Success && Modes.FirstOrDefault(m => m.Value == named.Groups["name"].Value) is { Value: not null } mode)
        {
            return mode.Key;
        }

        throw new HardwareKnobException(Name, _tool, $"{Name}: could not read the power mode from '{_tool} -q'; it printed: {output.Trim()}");
    }

    private async ValueTask<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(_tool, arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new HardwareKnobException(
                Name,
                _tool,
                $"{Name}: '{_tool} {string.Join(' ', arguments)}' exited with {result.ExitCode}: {(result.StandardError + " " + result.StandardOutput).Trim()}. nvpmodel needs root: run as root, or allow the service user to run it through sudoers as docs/hardware-linux.md explains.");
        }

        return result.StandardOutput;
    }

    [GeneratedRegex(@"<\s*POWER_MODEL\s+ID\s*=\s*(?<id>\d+)\s+NAME\s*=\s*(?<name>[^\s>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PowerModelLine();

    [GeneratedRegex(@"NV Power Mode:\s*(?<name>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex PowerModeLine();
}
