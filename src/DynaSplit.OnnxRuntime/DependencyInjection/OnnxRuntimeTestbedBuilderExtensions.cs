using DynaSplit.Hardware;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using DynaSplit.Spaces;
using DynaSplit.Testbed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Measures the ONNX Runtime model of a host on this machine's hardware in the offline phase.</summary>
public static class OnnxRuntimeTestbedBuilderExtensions
{
    /// <summary>
    /// Uses the <see cref="HardwareTestbed"/> (<see cref="TestbedBuilderExtensions.UseHardwareTestbed"/>) over the model
    /// of <see cref="OnnxRuntimeBuilderExtensions.UseOnnxRuntimeStages"/> (call that too): the space is the model's split
    /// points (one cut per pair of adjacent tiers) and a parameter for every knob of the host with more than one value,
    /// plus <paramref name="extraParameters"/> (for example a remote tier's execution provider or the cut-tensor codec);
    /// the inputs are seeded random tensors of the model's input shapes with <see cref="OnnxRuntimeOptions.Dimensions"/>.
    /// Nothing is read at registration: the model is planned and the knobs' domains are read when the offline phase is
    /// first resolved.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Warm-up and measured inference counts.</param>
    /// <param name="extraParameters">Further parameters of the space (pipeline settings), when any.</param>
    public static IDynaSplitBuilder UseOnnxRuntimeTestbed(
        this IDynaSplitBuilder builder,
        Action<HardwareTestbedOptions>? configure = null,
        Func<IServiceProvider, IEnumerable<Parameter>>? extraParameters = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseHardwareTestbed(
            sp =>
            {
                var plan = sp.GetRequiredService<SplitPlan>();
                var tiers = sp.GetRequiredService<IOptions<DynaSplitOptions>>().Value.Tiers;
                var knobs = sp.GetRequiredService<KnobController>().Knobs.Values;
                // Reading a knob's domain is a few small file reads; the container's factories are synchronous.
                return SplitSpaceBuilder.CreateAsync(plan, knobs, cuts: tiers.Count - 1, extra: extraParameters?.Invoke(sp)).GetAwaiter().GetResult();
            },
            sp =>
            {
                var plan = sp.GetRequiredService<SplitPlan>();
                var dimensions = new Dictionary<string, long>(sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value.Dimensions, StringComparer.Ordinal);
                return i => OnnxInputGenerator.Create(plan.Inputs, dimensions, seed: i);
            },
            configure);
    }
}
