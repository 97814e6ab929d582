using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Adds the ONNX Runtime backend to a DynaSplit host.</summary>
public static class OnnxRuntimeBuilderExtensions
{
    /// <summary>
    /// Uses ONNX Runtime to run the stages of in-process tiers: registers the ONNX split planner
    /// (<see cref="ISplitPlanner"/>), the planned model (<see cref="OnnxSplitModel"/> over
    /// <see cref="OnnxRuntimeOptions.ModelPath"/>) and the <see cref="OnnxStageRunner"/> as the
    /// <see cref="IStageRunner"/> (replacing any other). Nothing is loaded at registration: the model is read and planned
    /// when the runner is first resolved. Options are validated when the host starts (the model must exist, the
    /// default provider must be installed, thread counts and the session cache capacity in range). Safe to call more
    /// than once: every call's <paramref name="configure"/> applies, in order, and nothing is registered twice.
    /// </summary>
    public static IDynaSplitBuilder UseOnnxRuntimeStages(this IDynaSplitBuilder builder, Action<OnnxRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<OnnxRuntimeOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxRuntimeOptions>, OnnxRuntimeOptionsValidator>());
        services.TryAddSingleton<ISplitPlanner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value;
            return new OnnxSplitPlanner(PlannerOptions(options), sp.GetService<ILogger<OnnxSplitPlanner>>());
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value;
            return OnnxSplitModel.Load(options.ModelPath, PlannerOptions(options), sp.GetService<ILogger<OnnxSplitModel>>());
        });
        // The served model's split points, so the runtime can check at start that its lookup table was made for them.
        services.TryAddSingleton(sp => sp.GetRequiredService<OnnxSplitModel>().Plan);
        services.TryAddSingleton(sp => new OnnxStageRunner(
            sp.GetRequiredService<OnnxSplitModel>(),
            sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value,
            sp.GetService<ILogger<OnnxStageRunner>>()));
        services.Replace(ServiceDescriptor.Singleton<IStageRunner>(sp => sp.GetRequiredService<OnnxStageRunner>()));
        return builder;
    }

    /// <summary>
    /// Does what <see cref="UseOnnxRuntimeStages"/> does and registers the two-tier <see cref="OnnxSplitExecutor"/>
    /// (<see cref="ISplitExecutor"/>) over the same stage runner, for hosts that still run split indices rather than
    /// placements. Safe to call more than once.
    /// </summary>
    public static IDynaSplitBuilder UseOnnxRuntimeExecutor(this IDynaSplitBuilder builder, Action<OnnxRuntimeOptions> configure)
    {
        builder.UseOnnxRuntimeStages(configure);
        var services = builder.Services;
        services.TryAddSingleton(sp => new OnnxSplitExecutor(
            sp.GetRequiredService<OnnxStageRunner>(),
            sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value.SerializeHandoff));
        services.TryAddSingleton<ISplitExecutor>(sp => sp.GetRequiredService<OnnxSplitExecutor>());
        return builder;
    }

    private static OnnxSplitPlannerOptions PlannerOptions(OnnxRuntimeOptions options) => new()
    {
        ProbeShapes = options.ProbeShapes,
        Dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal),
    };
}
