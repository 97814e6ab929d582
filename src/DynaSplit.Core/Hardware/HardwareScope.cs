using DynaSplit.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.Hardware;

/// <summary>
/// Applies configurations to a set of knobs and restores every knob it touched when disposed, in reverse
/// order, whether the work in between finished, threw or was cancelled. Use one scope per trial of the
/// offline phase, or one for the lifetime of the online phase.
/// </summary>
public sealed class HardwareScope : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, IHardwareKnob> _knobs;
    private readonly List<IHardwareKnob> _touched = [];
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>Creates a scope over <paramref name="knobs"/>; names must be unique.</summary>
    public HardwareScope(IEnumerable<IHardwareKnob> knobs, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var byName = new Dictionary<string, IHardwareKnob>(StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            if (!byName.TryAdd(knob.Name, knob))
            {
                throw new ArgumentException($"Two hardware knobs are named '{knob.Name}'; each knob must set a different parameter.", nameof(knobs));
            }
        }

        _knobs = byName;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The knobs of the scope, by name.</summary>
    public IReadOnlyDictionary<string, IHardwareKnob> Knobs => _knobs;

    /// <summary>Sets one knob.</summary>
    public async ValueTask ApplyAsync(string knobName, KnobValue value, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_knobs.TryGetValue(knobName, out var knob))
        {
            throw new KeyNotFoundException($"No hardware knob named '{knobName}'; the scope has: {string.Join(", ", _knobs.Keys)}.");
        }

        if (!_touched.Contains(knob))
        {
            _touched.Add(knob);
        }

        await knob.ApplyAsync(value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets every knob whose name matches a parameter of <paramref name="configuration"/>: numeric parameters as
    /// numbers, categorical ones as their label. Parameters without a knob (the split point, for instance) are left
    /// to the executor.
    /// </summary>
    public async ValueTask ApplyAsync(Configuration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var parameters = configuration.Space.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (_knobs.ContainsKey(parameters[i].Name))
            {
                var value = parameters[i].Kind == ParameterKind.Categorical
                    ? KnobValue.FromText(parameters[i].Format(configuration[i]))
                    : KnobValue.FromNumber(configuration[i]);
                await ApplyAsync(parameters[i].Name, value, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Restores every knob touched so far, last first. A knob whose restore fails does not stop the others; the
    /// errors are thrown together at the end, and the knobs that failed stay in the scope, so calling this again
    /// (or disposing) retries them. When <paramref name="cancellationToken"/> fires, the knobs not yet restored
    /// stay in the scope too.
    /// </summary>
    /// <exception cref="AggregateException">Some knobs could not be restored; the inner exceptions name the files and what to do.</exception>
    public async ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        List<Exception>? errors = null;
        for (var i = _touched.Count - 1; i >= 0; i--)
        {
            var knob = _touched[i];
            try
            {
                await knob.RestoreAsync(cancellationToken).ConfigureAwait(false);
                _touched.RemoveAt(i);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Diagnostics.CoreLog.KnobRestoreFailed(_logger, ex, knob.Name);
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException($"Restoring the hardware state failed for {string.Join(", ", _touched.Select(k => k.Name))}; see the inner exceptions for the files and what to do, then call RestoreAsync again to retry.", errors);
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
        await RestoreAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
