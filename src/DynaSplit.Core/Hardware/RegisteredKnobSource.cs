namespace DynaSplit.Hardware;

/// <summary>
/// One knob added with <c>AddHardwareKnob</c>: made when first needed, disposed (restored) with the container whether
/// it is disposed synchronously or asynchronously.
/// </summary>
internal sealed class RegisteredKnobSource(Func<IHardwareKnob> create) : IHardwareKnobSource, IAsyncDisposable, IDisposable
{
    private readonly Lazy<IHardwareKnob> _knob = new(create);

    public IReadOnlyList<IHardwareKnob> Knobs => [_knob.Value];

    public ValueTask DisposeAsync() => _knob.IsValueCreated ? _knob.Value.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
