namespace DynaSplit.Hardware;

/// <summary>One knob changed by a <see cref="KnobController"/>.</summary>
/// <param name="Knob">The knob's name.</param>
/// <param name="From">The value it had been set to (null: not set since the controller started or since it failed).</param>
/// <param name="To">The value it was set to.</param>
/// <param name="Duration">How long the change took, read-back included.</param>
public sealed record KnobChange(string Knob, KnobValue? From, KnobValue To, TimeSpan Duration);
