using DynaSplit.Execution;
using DynaSplit.Hardware;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Knobs;
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
    /// Registers the ONNX split planner (<see cref="ISplitPlanner"/>), the ONNX Runtime split executor
    /// (<see cref="ISplitExecutor"/>) over <see cref="OnnxRuntimeExecutorOptions.ModelPath"/>, and the execution-provider
    /// and intra-op-thread knobs (<see cref="IHardwareKnob"/>) that the executor follows. Options are validated
    /// when the host starts (the model must exist, the provider must be installed, thread counts in range).
    /// </summary>
    public static IDynaSplitBuilder AddOnnxRuntimeExecutor(this IDynaSplitBuilder builder, Action<OnnxRuntimeExecutorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        var first = !services.Any(d => d.ServiceType == typeof(OnnxRuntimeKnobState));
        services.AddOptions<OnnxRuntimeExecutorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxRuntimeExecutorOptions>, OnnxRuntimeExecutorOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value;
            return new OnnxRuntimeKnobState(options.ExecutionProvider, options.IntraOpThreads);
        });
        services.TryAddSingleton<ISplitPlanner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value;
            return new OnnxSplitPlanner(PlannerOptions(options), sp.GetService<ILogger<OnnxSplitPlanner>>());
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value;
            var model = OnnxSplitModel.Load(options.ModelPath, PlannerOptions(options), sp.GetService<ILogger<OnnxSplitModel>>());
            return new OnnxSplitExecutor(model, options, sp.GetRequiredService<OnnxRuntimeKnobState>(), sp.GetService<ILogger<OnnxSplitExecutor>>());
        });
        services.TryAddSingleton<ISplitExecutor>(sp => sp.GetRequiredService<OnnxSplitExecutor>());
        if (!first)
        {
            return builder;
        }

        services.AddSingleton<IHardwareKnob>(sp => new ExecutionProviderKnob(
            sp.GetRequiredService<OnnxRuntimeKnobState>(),
            sp.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value.ExecutionProviderParameter));
        services.AddSingleton<IHardwareKnob>(sp => new IntraOpThreadsKnob(
            sp.GetRequiredService<OnnxRuntimeKnobState>(),
            sp.GetRequiredService<IOptions<OnnxRuntimeExecutorOptions>>().Value.IntraOpThreadsParameter));
        return builder;
    }

    private static OnnxSplitPlannerOptions PlannerOptions(OnnxRuntimeExecutorOptions options) => new()
    {
        ProbeShapes = options.ProbeShapes,
        Dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal),
    };
}
