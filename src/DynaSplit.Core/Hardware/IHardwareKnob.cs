using DynaSplit.Spaces;

namespace DynaSplit.Hardware;

/// <summary>
/// One hardware (or runtime) setting that DynaSplit changes between configurations: a CPU frequency, a GPU
/// frequency, a power mode, an accelerator's power, a thread count.
/// </summary>
/// <remarks>
/// Implementations discover their domain from the device, refuse a value outside it before writing anything,
/// verify every change by reading it back, record the state they found before their first change, and put it
/// back on <see cref="RestoreAsync"/> and on dispose. The knob's <see cref="Name"/> is the name of the
/// configuration parameter it sets.
/// </remarks>
public interface IHardwareKnob : IAsyncDisposable
{
    /// <summary>The knob's name, which is also the name of the configuration parameter it applies.</summary>
    string Name { get; }

    /// <summary>True when the knob has changed the device since it was created or last restored.</summary>
    bool HasChanges { get; }

    /// <summary>Discovers the values the device accepts.</summary>
    ValueTask<KnobDomain> GetDomainAsync(CancellationToken cancellationToken);

    /// <summary>Reads the device's current value.</summary>
    ValueTask<KnobValue> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the value: checks it against the domain, records the original state before the first change,
    /// writes, and verifies by reading back (waiting a bounded time for values that settle).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in the domain; nothing was written.</exception>
    ValueTask ApplyAsync(KnobValue value, CancellationToken cancellationToken);

    /// <summary>Puts back the state found before the first change; does nothing when nothing changed.</summary>
    ValueTask RestoreAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A configuration parameter over the values the device accepts, named as the knob, with the setting kind and tier
    /// it controls (by default: an unspecified setting of the edge tier; knobs that know better say so).
    /// </summary>
    async ValueTask<Parameter> ToParameterAsync(CancellationToken cancellationToken) =>
        (await GetDomainAsync(cancellationToken).ConfigureAwait(false)).ToParameter(Name, ParameterRole.Other).WithTarget(SettingKind.Other, Topology.TierNames.Edge);
}
