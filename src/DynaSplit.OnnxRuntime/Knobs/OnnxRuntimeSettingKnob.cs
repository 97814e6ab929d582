using DynaSplit.Hardware;

namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// A software knob over one field of <see cref="OnnxRuntimeKnobState"/>: checks the value against the domain,
/// remembers the original before the first change, verifies by reading back, and restores on request or dispose.
/// </summary>
public abstract class OnnxRuntimeSettingKnob : IHardwareKnob
{
    private KnobValue? _original;

    /// <summary>Creates the knob; <paramref name="name"/> is the configuration parameter it sets.</summary>
    protected OnnxRuntimeSettingKnob(OnnxRuntimeKnobState state, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        State = state;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasChanges => _original is not null;

    /// <summary>The settings the split executor's next sessions use.</summary>
    protected OnnxRuntimeKnobState State { get; }

    /// <inheritdoc />
    public ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Domain());

    /// <inheritdoc />
    public ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Read());

    /// <inheritdoc />
    public ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        var domain = Domain();
        if (!domain.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Text, $"Knob '{Name}': {DescribeRefusal(value, domain)} Nothing was changed.");
        }

        _original ??= Read();
        Write(value);
        var readBack = Read();
        if (readBack.Text != value.Text)
        {
            throw new InvalidOperationException($"Knob '{Name}': wrote '{value.Text}' but read back '{readBack.Text}'; another component changes the ONNX Runtime settings concurrently.");
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        if (_original is { } original)
        {
            Write(original);
            _original = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => RestoreAsync(CancellationToken.None);

    /// <summary>The values the setting accepts.</summary>
    protected abstract KnobDomain Domain();

    /// <summary>The setting's current value.</summary>
    protected abstract KnobValue Read();

    /// <summary>Sets the setting (the value is in the domain).</summary>
    protected abstract void Write(KnobValue value);

    /// <summary>Why a value outside the domain is refused (one sentence).</summary>
    protected abstract string DescribeRefusal(KnobValue value, KnobDomain domain);
}
