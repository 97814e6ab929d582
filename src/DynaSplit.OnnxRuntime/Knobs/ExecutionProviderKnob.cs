using DynaSplit.Hardware;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// The ONNX Runtime execution provider as a software knob: its domain is the providers the installed runtime
/// reports (OrtEnv.GetAvailableProviders); applying a value sets what the split executor's next sessions use.
/// </summary>
public sealed class ExecutionProviderKnob : IHardwareKnob
{
    private readonly OnnxRuntimeKnobState _state;
    private string? _original;

    /// <summary>Creates the knob over <paramref name="state"/>; <paramref name="name"/> is the configuration parameter it sets.</summary>
    public ExecutionProviderKnob(OnnxRuntimeKnobState state, string name = "ort-provider")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _state = state;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasChanges => _original is not null;

    /// <inheritdoc />
    public ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new KnobDomain(OrtEnv.Instance().GetAvailableProviders().Select(KnobValue.FromText)));

    /// <inheritdoc />
    public ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(KnobValue.FromText(_state.ExecutionProvider));

    /// <inheritdoc />
    public async ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        var domain = await GetDomainAsync(cancellationToken).ConfigureAwait(false);
        if (!domain.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Text, $"Knob '{Name}': execution provider '{value.Text}' is not in this ONNX Runtime build; it offers {domain}. Nothing was changed.");
        }

        _original ??= _state.ExecutionProvider;
        _state.ExecutionProvider = value.Text;
        var readBack = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (readBack.Text != value.Text)
        {
            throw new InvalidOperationException($"Knob '{Name}': wrote '{value.Text}' but read back '{readBack.Text}'; another component changes the ONNX Runtime settings concurrently.");
        }
    }

    /// <inheritdoc />
    public ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        if (_original is { } original)
        {
            _state.ExecutionProvider = original;
            _original = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => RestoreAsync(CancellationToken.None);
}
