using DynaSplit.Hardware;

namespace DynaSplit.Core.Tests.Fakes;

/// <summary>A knob over an in-memory "device" value, logging every write into a shared journal.</summary>
internal sealed class RecordingKnob(string name, KnobDomain domain, KnobValue initial, List<string> journal) : IHardwareKnob
{
    private KnobValue? _original;

    public string Name { get; } = name;

    public KnobValue Device { get; private set; } = initial;

    public bool HasChanges => _original is not null;

    public bool FailOnApply { get; set; }

    /// <summary>How many of the next restores throw (after which restores work again).</summary>
    public int FailingRestores { get; set; }

    /// <summary>Restores observe their token (they throw when it is cancelled).</summary>
    public bool ObservesCancellation { get; set; }

    public ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken) => ValueTask.FromResult(domain);

    public ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Device);

    public ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken)
    {
        if (!domain.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Text, $"{Name}: not in {domain}");
        }

        if (FailOnApply)
        {
            throw new IOException($"{Name}: write failed");
        }

        _original ??= Device;
        Device = value;
        journal.Add($"{Name}={value.Text}");
        return ValueTask.CompletedTask;
    }

    public ValueTask RestoreAsync(CancellationToken cancellationToken)
    {
        if (ObservesCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (_original is not null && FailingRestores > 0)
        {
            FailingRestores--;
            journal.Add($"restore {Name} failed");
            throw new IOException($"{Name}: restore write failed");
        }

        if (_original is { } original)
        {
            Device = original;
            _original = null;
            journal.Add($"restore {Name}={original.Text}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => RestoreAsync(CancellationToken.None);
}
