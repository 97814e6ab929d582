using DynaSplit.Hardware;
using DynaSplit.Hardware.Linux.Discovery;

namespace DynaSplit.DependencyInjection;

/// <summary>The knobs of the board's <see cref="LinuxHardwareInventory"/>, discovered when first resolved.</summary>
internal sealed class LinuxHardwareKnobSource(LinuxHardwareInventory inventory) : IHardwareKnobSource
{
    public IReadOnlyList<IHardwareKnob> Knobs => inventory.Knobs;
}
