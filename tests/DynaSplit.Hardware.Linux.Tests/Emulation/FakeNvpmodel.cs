using DynaSplit.Hardware.Linux.Knobs;
using DynaSplit.Hardware.Linux.Processes;

namespace DynaSplit.Hardware.Linux.Tests.Emulation;

/// <summary>
/// Behaves like <c>nvpmodel</c>: <c>-q</c> prints "NV Power Mode: NAME" and the id, <c>-m N</c> switches to a listed
/// mode (exit 255 and an error otherwise). The mode lives in a state file under the fixture tree so that snapshots see it.
/// </summary>
internal sealed class FakeNvpmodel : IProcessRunner
{
    private readonly string _stateFile;
    private readonly IReadOnlyDictionary<int, string> _modes;

    public FakeNvpmodel(string configPath, string stateFile, int initialMode)
    {
        _modes = NvpmodelPowerModeKnob.ParseModes(File.ReadAllText(configPath));
        _stateFile = stateFile;
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        File.WriteAllText(stateFile, initialMode + "\n");
    }

    public List<string> Calls { get; } = [];

    /// <summary>When true, <c>-m</c> succeeds but the mode stays (a mode that needs a reboot).</summary>
    public bool IgnoreSet { get; set; }

    /// <summary>When set, every call exits with this code (as without root).</summary>
    public int? FailWith { get; set; }

    public int Mode => int.Parse(File.ReadAllText(_stateFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public bool CanRun(string fileName) => true;

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(string.Join(' ', arguments));
        if (FailWith is { } code)
        {
            return Task.FromResult(new ProcessResult(code, string.Empty, "NVPM ERROR: failed to write /sys/devices/system/cpu/cpu1/online: Permission denied"));
        }

        if (arguments is ["-q", ..])
        {
            return Task.FromResult(new ProcessResult(0, $"NV Power Mode: {_modes[Mode]}\n{Mode}\n", string.Empty));
        }

        if (arguments is ["-m", var text] && int.TryParse(text, out var id) && _modes.ContainsKey(id))
        {
            if (!IgnoreSet)
            {
                File.WriteAllText(_stateFile, id + "\n");
            }

            return Task.FromResult(new ProcessResult(0, string.Empty, string.Empty));
        }

        return Task.FromResult(new ProcessResult(255, string.Empty, $"NVPM ERROR: invalid arguments {string.Join(' ', arguments)}"));
    }
}
