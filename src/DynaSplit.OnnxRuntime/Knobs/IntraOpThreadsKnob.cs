using DynaSplit.Hardware;

namespace DynaSplit.OnnxRuntime.Knobs;

/// <summary>
/// ONNX Runtime's intra-op thread count as a software knob: domain 1..<see cref="Environment.ProcessorCount"/>;
/// applying a value sets what the split executor's next sessions use.
/// </summary>
public sealed class IntraOpThreadsKnob : IHardwareKnob
{
    private readonly OnnxRuntimeKnobState _state;
    private int? _original;

    /// <summary>Creates the knob over <paramref name="state"/>; <paramref name="name"/> is the configuration parameter it sets.</summary>
    public IntraOpThreadsKnob(OnnxRuntimeKnobState state, string name = "ort-threads")
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
        ValueTask.FromResult(new KnobDomain(Enumerable.Range(1, Environment.ProcessorCount).Select(n => KnobValue.FromNumber(n)), "threads"));

    /// <inheritdoc />
    public ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(KnobValue.FromNumber(_state.IntraOpThreads));

    /// <inheritdoc />
    public async ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        var domain = await GetDomainAsync(cancellationToken).ConfigureAwait(false);
        if (!domain.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Text, $"Knob '{Name}': {value.Text} intra-op threads is outside 1..{Environment.ProcessorCount} (this host's processors). Nothing was changed.");
        }

        _original ??= _state.IntraOpThreads;
        _state.IntraOpThreads = (int)value.Number!.Value;
        var readBack = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (readBack.Number != value.Number)
        {
            throw new InvalidOperationException($"Knob '{Name}': wrote {value.Text} threads but read back {readBack.Text}; another component changes the ONNX Runtime settings concurrently.");
        }
    }

    /// <inheritdoc />
    public ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        if (_original is { } original)
        {
            _state.IntraOpThreads = original;
            _original = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => RestoreAsync(CancellationToken.None);
}
