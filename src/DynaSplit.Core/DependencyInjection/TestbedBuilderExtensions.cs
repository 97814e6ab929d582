using DynaSplit.Energy;
using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.Planning;
using DynaSplit.Scheduling;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Builder methods for the offline phase's testbed on this machine's hardware.</summary>
public static class TestbedBuilderExtensions
{
    /// <summary>
    /// Uses a <see cref="HardwareTestbed"/> for the offline phase, composed from the container when the offline phase is
    /// first resolved: the host's <see cref="KnobController"/> (shared with the online runtime), the same pipeline the
    /// runtime uses (stage runner and transports, so remote tiers are measured over the network), this machine's
    /// energy meter (<see cref="EnergyMeterSelection.ChooseLocal"/>: the measuring meters, else the labelled estimate)
    /// and, when a <see cref="SplitPlan"/> is registered, the binding of the tables it makes. Options are validated at
    /// start. Replaces any earlier testbed; every call's <paramref name="configure"/> applies, in order.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="space">Makes the space to measure (called once, when the testbed is made).</param>
    /// <param name="inputs">Makes the inputs of a trial's i-th inference (called once, when the testbed is made).</param>
    /// <param name="configure">Warm-up and measured inference counts.</param>
    public static IDynaSplitBuilder UseHardwareTestbed(
        this IDynaSplitBuilder builder,
        Func<IServiceProvider, ConfigurationSpace> space,
        Func<IServiceProvider, Func<int, IReadOnlyList<TensorData>>> inputs,
        Action<HardwareTestbedOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(inputs);
        var options = builder.Services.AddOptions<HardwareTestbedOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(Validates, "HardwareTestbedOptions: WarmupInferences must be in [0, 100000], MeasuredInferences in [1, 1000000], DistinctInputs in [1, 100000].").ValidateOnStart();
        return builder.UseTestbed(sp =>
        {
            var pipeline = PipelineResolution.ResolveOrAdapt(sp);
            var binding = sp.GetService<SplitPlan>() is { } plan ? new TableBinding(plan.Fingerprint, plan.EdgeOnlyIndex, pipeline.Tiers) : null;
            return new HardwareTestbed(
                space(sp),
                sp.GetRequiredService<KnobController>(),
                pipeline,
                EnergyMeterSelection.ChooseLocal(sp.GetServices<IEnergyMeter>(), pipeline.Tiers[0]),
                inputs(sp),
                sp.GetRequiredService<IOptions<HardwareTestbedOptions>>().Value,
                sp.GetService<ILogger<HardwareTestbed>>(),
                binding);
        });
    }

    private static bool Validates(HardwareTestbedOptions options)
    {
        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
