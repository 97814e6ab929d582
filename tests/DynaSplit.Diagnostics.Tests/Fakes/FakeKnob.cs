using DynaSplit.Hardware;

namespace DynaSplit.Diagnostics.Tests.Fakes;

/// <summary>A knob over an in-memory value; it can be told to fail its reads.</summary>
internal sealed class FakeKnob(string name, KnobDomain domain, KnobValue initial) : IHardwareKnob
{
    private KnobValue? _original;

    public string Name { get; } = name;

    public KnobValue Device { get; set; } = initial;

    public string? ReadFailure { get; set; }

    public int Writes { get; private set; }

    public bool HasChanges => _original is not null;

    public ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken) => ValueTask.FromResult(domain);

    public ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken) =>
        ReadFailure is { } failure ? throw new IOException(failure) : ValueTask.FromResult(Device);

    public ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        _original ??= Device;
        Device = value;
        Writes++;
        return ValueTask.CompletedTask;
    }

    public ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        if (_original is { } original)
        {
            Device = original;
            _original = null;
            Writes++;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => RestoreAsync(CancellationToken.None);
}
