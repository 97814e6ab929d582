namespace DynaSplit.Hardware;

/// <summary>
/// Knobs found when the service provider is built rather than when services are registered (for example the Linux
/// board's, discovered from sysfs): a plugin registers one source, and <see cref="KnobController"/> takes its knobs
/// together with every registered <see cref="IHardwareKnob"/>.
/// </summary>
public interface IHardwareKnobSource
{
    /// <summary>The knobs (discovered on first access).</summary>
    IReadOnlyList<IHardwareKnob> Knobs { get; }
}
