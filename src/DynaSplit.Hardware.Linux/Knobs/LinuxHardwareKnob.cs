using System.Diagnostics;
using System.Globalization;
using DynaSplit.Hardware.Linux.Sysfs;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DynaSplit.Hardware.Linux.Logging;

namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>
/// The common behaviour of the Linux knobs: the domain is discovered once from the board, a value outside it is
/// refused before anything is written, the original state is captured before the first change, every write is read
/// back, settling values are awaited for a bounded time, and the original state is put back on restore and dispose.
/// Calls are serialized.
/// </summary>
public abstract class LinuxHardwareKnob : IHardwareKnob, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LinuxHardwareOptions _options;
    private KnobDomain? _domain;
    private object? _original;
    private bool _disposed;

    private protected LinuxHardwareKnob(string name, ParameterRole role, LinuxHardwareOptions? options, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Role = role;
        _options = options ?? new LinuxHardwareOptions();
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The role of the configuration parameter this knob sets.</summary>
    public ParameterRole Role { get; }

    /// <summary>What the knob drives on this board, for logs (for example <c>cpufreq policy0 (CPUs 0-3) via userspace governor</c>).</summary>
    public abstract string Description { get; }

    /// <inheritdoc />
    public bool HasChanges => Volatile.Read(ref _original) is not null;

    private protected ILogger Logger { get; }

    private protected LinuxHardwareOptions Options => _options;

    /// <inheritdoc />
    public ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_domain ??= DiscoverDomain());
    }

    /// <summary>A configuration parameter over the domain the board offers, with this knob's name, setting kind and the edge tier.</summary>
    public async ValueTask<Parameter> ToParameterAsync(CancellationToken cancellationToken)
    {
        var parameter = (await GetDomainAsync(cancellationToken).ConfigureAwait(false)).ToParameter(Name, Role);
        return parameter.WithTarget(Setting ?? parameter.Setting, parameter.Tier ?? DynaSplit.Topology.TierNames.Edge);
    }

    /// <summary>The kind of setting the knob controls, when its role does not say (null: the role's).</summary>
    protected virtual SettingKind? Setting => null;

    /// <inheritdoc />
    public async ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var domain = _domain ??= DiscoverDomain();
            var target = Normalize(value, domain) ?? throw new ArgumentOutOfRangeException(
                nameof(value),
                value.Text,
                $"{Name}: '{value.Text}' is not a value this board accepts ({Description}); the domain is {domain}. Nothing was written.");
            cancellationToken.ThrowIfCancellationRequested();
            if (_original is null)
            {
                var original = await CaptureStateAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _original, original);
                // Information, not Debug: after a SIGKILL, the log is where the original state can be found again.
                Logger.OriginalStateRecorded(Name, original, Description);
            }

            await WriteAsync(target, cancellationToken).ConfigureAwait(false);
            Logger.KnobSet(Name, target.Text);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_original is { } original)
            {
                await RestoreStateAsync(original, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _original, null);
                Logger.KnobRestored(Name, original);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores the original state (never cancelled) and refuses further changes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await RestoreAsync(CancellationToken.None).ConfigureAwait(false);
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Restores the original state synchronously (for containers disposed with <c>Dispose</c>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Description}";

    private protected abstract KnobDomain DiscoverDomain();

    private protected abstract ValueTask<KnobValue> ReadCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Maps a requested value onto the domain's canonical value, or null when it is not in the domain.</summary>
    private protected virtual KnobValue? Normalize(KnobValue value, KnobDomain domain)
    {
        if (domain.IsNumeric)
        {
            double? number = value.Number;
            if (number is null && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }

            return number is { } n && domain.Contains(KnobValue.FromNumber(n)) ? KnobValue.FromNumber(n) : null;
        }

        return domain.Contains(value) ? value : null;
    }

    private protected abstract ValueTask<object> CaptureStateAsync(CancellationToken cancellationToken);

    private protected abstract ValueTask WriteAsync(KnobValue target, CancellationToken cancellationToken);

    private protected abstract ValueTask RestoreStateAsync(object state, CancellationToken cancellationToken);

    /// <summary>Reads an attribute as a whole number.</summary>
    private protected static long ReadLong(ISysfs sysfs, string path)
    {
        var text = sysfs.Read(path);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{sysfs.GetFullPath(path)} holds '{text}', not a whole number.");
    }

    /// <summary>Reads a white-space separated list (empty when the file does not exist).</summary>
    private protected static string[] ReadList(ISysfs sysfs, string path) =>
        sysfs.FileExists(path) ? sysfs.Read(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>Writes <paramref name="value"/> and checks that the file reads it back.</summary>
    private protected void WriteVerified(ISysfs sysfs, string path, string value)
    {
        sysfs.Write(path, value);
        var back = sysfs.Read(path);
        if (!string.Equals(back, value, StringComparison.Ordinal))
        {
            throw new HardwareKnobException(
                Name,
                sysfs.GetFullPath(path),
                $"{Name}: wrote '{value}' to {sysfs.GetFullPath(path)} but it reads back '{back}'. Another agent (a thermal or power daemon, nvpmodel, jetson_clocks) may be overriding it; stop it while DynaSplit runs.");
        }
    }

    /// <summary>
    /// Sets a [min, max] pair of limit files in the order the kernel accepts: the maximum first when the new maximum is
    /// not below the current minimum (raising), otherwise the minimum first (lowering), so the pair never crosses.
    /// </summary>
    private protected void WriteLimits(ISysfs sysfs, string minPath, string maxPath, long min, long max)
    {
        var currentMin = ReadLong(sysfs, minPath);
        var currentMax = ReadLong(sysfs, maxPath);
        if (currentMin == min && currentMax == max)
        {
            return;
        }

        var minText = min.ToString(CultureInfo.InvariantCulture);
        var maxText = max.ToString(CultureInfo.InvariantCulture);
        if (currentMin <= max)
        {
            if (currentMax != max)
            {
                WriteVerified(sysfs, maxPath, maxText);
            }

            if (currentMin != min)
            {
                WriteVerified(sysfs, minPath, minText);
            }
        }
        else
        {
            WriteVerified(sysfs, minPath, minText);
            if (currentMax != max)
            {
                WriteVerified(sysfs, maxPath, maxText);
            }
        }
    }

    /// <summary>
    /// Waits up to <see cref="LinuxHardwareOptions.SettleTimeout"/> for <paramref name="settled"/>; when it does not
    /// become true, fails (or warns, when <see cref="LinuxHardwareOptions.RequireSettled"/> is false).
    /// </summary>
    private protected async ValueTask WaitSettledAsync(Func<bool> settled, string path, Func<string> describe, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (!settled())
        {
            if (Stopwatch.GetElapsedTime(start) >= _options.SettleTimeout)
            {
                var message = $"{Name}: {describe()} after {_options.SettleTimeout.TotalMilliseconds:0} ms ({path}). The firmware may be throttling (temperature, power supply) or another agent is changing it; raise LinuxHardwareOptions.SettleTimeout or set RequireSettled to false to accept it.";
                if (_options.RequireSettled)
                {
                    throw new HardwareKnobException(Name, path, message);
                }

                Logger.NotSettled(message);
                return;
            }

            await Task.Delay(_options.SettlePollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
