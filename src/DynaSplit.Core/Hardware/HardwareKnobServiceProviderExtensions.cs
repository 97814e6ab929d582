using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.Hardware;

/// <summary>Finds every hardware knob of a service provider.</summary>
public static class HardwareKnobServiceProviderExtensions
{
    /// <summary>The registered <see cref="IHardwareKnob"/>s followed by those of every <see cref="IHardwareKnobSource"/>.</summary>
    public static IReadOnlyList<IHardwareKnob> GetHardwareKnobs(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services.GetServices<IHardwareKnob>(), .. services.GetServices<IHardwareKnobSource>().SelectMany(s => s.Knobs)];
    }
}
