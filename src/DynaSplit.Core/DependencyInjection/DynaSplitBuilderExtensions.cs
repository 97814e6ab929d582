using DynaSplit.Energy;
using DynaSplit.Hardware;
using DynaSplit.Optimization;
using DynaSplit.Scheduling;
using DynaSplit.Testbed;
using DynaSplit.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DynaSplit.DependencyInjection;

/// <summary>The core's own builder methods: optimizer, testbed, trial store, lookup table, knobs and meters.</summary>
public static class DynaSplitBuilderExtensions
{
    /// <summary>Uses <paramref name="optimizer"/> for the offline phase (replaces any earlier choice).</summary>
    public static IDynaSplitBuilder UseOptimizer(this IDynaSplitBuilder builder, IMultiObjectiveOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(optimizer);
        builder.Services.Replace(ServiceDescriptor.Singleton(optimizer));
        return builder;
    }

    /// <summary>Measures every valid configuration in the offline phase.</summary>
    public static IDynaSplitBuilder UseExhaustiveSearch(this IDynaSplitBuilder builder) => builder.UseOptimizer(new ExhaustiveSearch());

    /// <summary>Measures a seeded random share of the space in the offline phase.</summary>
    public static IDynaSplitBuilder UseRandomSearch(this IDynaSplitBuilder builder) => builder.UseOptimizer(new RandomSearch());

    /// <summary>Uses a testbed for the offline phase.</summary>
    public static IDynaSplitBuilder UseTestbed(this IDynaSplitBuilder builder, Func<IServiceProvider, ITestbed> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Keeps trials in <paramref name="factory"/>'s store, so an interrupted offline phase resumes.</summary>
    public static IDynaSplitBuilder UseTrialStore(this IDynaSplitBuilder builder, Func<IServiceProvider, ITrialStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Gives the online phase's scheduler a table directly (instead of DynaSplitOptions.LookupTablePath).</summary>
    public static IDynaSplitBuilder UseLookupTable(this IDynaSplitBuilder builder, LookupTable table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(table);
        builder.Services.Replace(ServiceDescriptor.Singleton(table));
        return builder;
    }

    /// <summary>
    /// Gives the online phase's scheduler a table made when it is first resolved (for example loaded from the file the
    /// offline phase has just written), instead of DynaSplitOptions.LookupTablePath. Replaces any earlier table.
    /// </summary>
    public static IDynaSplitBuilder UseLookupTable(this IDynaSplitBuilder builder, Func<IServiceProvider, LookupTable> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>
    /// Adds a hardware knob, made when the knob controller is first resolved; the controller sets it from the configuration
    /// parameter of the same name and restores it when the container is disposed (synchronously or not).
    /// </summary>
    public static IDynaSplitBuilder AddHardwareKnob(this IDynaSplitBuilder builder, Func<IServiceProvider, IHardwareKnob> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton<IHardwareKnobSource>(sp => new RegisteredKnobSource(() => factory(sp)));
        return builder;
    }

    /// <summary>Adds an energy meter.</summary>
    public static IDynaSplitBuilder AddEnergyMeter(this IDynaSplitBuilder builder, Func<IServiceProvider, IEnergyMeter> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(factory);
        return builder;
    }
}
