using System.Diagnostics;
using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Hardware;

/// <summary>
/// The one owner of this host's hardware state. It applies configurations by setting only the knobs whose value
/// changes, times every change (the reconfiguration cost, kept per knob and transition in <see cref="SwitchCosts"/>),
/// and restores every knob it touched, last first, on <see cref="RestoreAsync"/> and on dispose (through a
/// <see cref="HardwareScope"/>, whose semantics it keeps). The online runtime and the hardware testbed share one.
/// </summary>
/// <remarks>
/// A knob whose change fails or is cancelled is treated as unknown afterwards, so the next configuration sets it again
/// whatever its value. Knobs are matched to parameters by name.
/// </remarks>
public sealed partial class KnobController : IAsyncDisposable, IDisposable
{
    private readonly HardwareScope _scope;
    private readonly Dictionary<string, double> _applied = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private bool _disposed;

    /// <summary>Creates the controller over <paramref name="knobs"/> (names unique).</summary>
    public KnobController(IEnumerable<IHardwareKnob> knobs, ILogger<KnobController>? logger = null, TimeProvider? clock = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _scope = new HardwareScope(knobs ?? [], _logger);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The knobs, by name.</summary>
    public IReadOnlyDictionary<string, IHardwareKnob> Knobs => _scope.Knobs;

    /// <summary>The measured cost of the changes made so far, for schedulers that account for switching.</summary>
    public MeasuredSwitchCosts SwitchCosts { get; } = new();

    /// <summary>Which hardware parameters of <paramref name="space"/> have no knob, and which knobs no parameter.</summary>
    public KnobBindingReport Bind(ConfigurationSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var unbound = space.Parameters.Where(p => KnobBindingReport.NeedsKnob(p) && !Knobs.ContainsKey(p.Name)).ToArray();
        var unused = Knobs.Keys.Where(k => !space.Parameters.Any(p => p.Name == k)).Order(StringComparer.Ordinal).ToArray();
        return new KnobBindingReport(unbound, unused);
    }

    /// <summary>
    /// Checks the binding of <paramref name="space"/> at start: logs a warning naming what does not match, or throws
    /// when <paramref name="policy"/> is <see cref="UnboundSettingsPolicy.Error"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The policy is Error and something does not match.</exception>
    public KnobBindingReport CheckBinding(ConfigurationSpace space, UnboundSettingsPolicy policy, string what)
    {
        var report = Bind(space);
        if (!report.IsComplete)
        {
            if (policy == UnboundSettingsPolicy.Error)
            {
                throw new InvalidOperationException($"{what}: {report.Describe()}. (Set UnboundSettings to Warn to start anyway.)");
            }

            LogBindingIncomplete(what, report.Describe());
        }

        return report;
    }

    /// <summary>
    /// Sets every knob whose parameter's value in <paramref name="target"/> differs from what the controller last set it
    /// to (all of them the first time), timing each change.
    /// </summary>
    /// <returns>The changes made, in the space's parameter order.</returns>
    public async ValueTask<IReadOnlyList<KnobChange>> ApplyAsync(Configuration target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<KnobChange>? changes = null;
            var parameters = target.Space.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (!Knobs.ContainsKey(parameter.Name))
                {
                    continue;
                }

                var encoded = target[i];
                var known = _applied.TryGetValue(parameter.Name, out var previous);
                if (known && previous == encoded)
                {
                    continue;
                }

                var value = ToKnobValue(parameter, encoded);
                _applied.Remove(parameter.Name);
                var start = _clock.GetTimestamp();
                await _scope.ApplyAsync(parameter.Name, value, cancellationToken).ConfigureAwait(false);
                var duration = _clock.GetElapsedTime(start);
                _applied[parameter.Name] = encoded;
                if (known)
                {
                    // A knob's first change also discovers its domain and captures the original state: not a switch cost.
                    SwitchCosts.Record(parameter.Name, previous, encoded, duration);
                }

                (changes ??= []).Add(new KnobChange(parameter.Name, known ? ToKnobValue(parameter, previous) : null, value, duration));
                LogKnobChanged(parameter.Name, value.Text, duration.TotalMilliseconds);
            }

            return changes is null ? [] : changes;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores every knob touched so far, last first (errors collected and thrown together); the state is unknown afterwards.</summary>
    public async ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _applied.Clear();
            await _scope.RestoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restores every touched knob (never cancelled: the board must be left as it was found).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _scope.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Dispose();
        }
    }

    /// <summary>Restores every touched knob, blocking until done (for hosts that dispose synchronously).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A configuration value as the knob's value: numbers as numbers, categorical choices as their label.</summary>
    public static KnobValue ToKnobValue(Parameter parameter, double encoded)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Kind == ParameterKind.Categorical
            ? KnobValue.FromText(parameter.Format(encoded))
            : KnobValue.FromNumber(encoded);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{What}: {Problem}")]
    private partial void LogBindingIncomplete(string what, string problem);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Knob {Knob} set to {Value} in {Milliseconds:F1} ms")]
    private partial void LogKnobChanged(string knob, string value, double milliseconds);
}
