using DynaSplit.Spaces;
using DynaSplit.Topology;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Configuration parameters for ONNX Runtime's settings of one tier: its intra-op thread count and its execution
/// provider. They are plain parameters (no knob applies them): the pipeline executor reads them from the configuration
/// into each stage's <see cref="DynaSplit.Execution.StageSettings"/>, and the <see cref="OnnxStageRunner"/> of that tier
/// runs the stage with them.
/// </summary>
public static class OnnxRuntimeParameters
{
    /// <summary>The thread-count parameter of <paramref name="tier"/>: 1..<paramref name="maxThreads"/> (this host's processors by default), named <c>TIER:ort-threads</c> unless <paramref name="name"/> is given.</summary>
    public static IntegerParameter Threads(string tier, int? maxThreads = null, string? name = null)
    {
        TierNames.Validate(tier, nameof(tier));
        var max = maxThreads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxThreads));
        return new IntegerParameter(name ?? $"{tier}:ort-threads", 1, max) { Setting = SettingKind.Threads, Tier = tier };
    }

    /// <summary>
    /// The execution-provider parameter of <paramref name="tier"/>: <paramref name="providers"/>, by default those this
    /// host's ONNX Runtime build offers, named <c>TIER:ort-provider</c> unless <paramref name="name"/> is given.
    /// </summary>
    public static CategoricalParameter ExecutionProvider(string tier, IEnumerable<string>? providers = null, string? name = null)
    {
        TierNames.Validate(tier, nameof(tier));
        return new(name ?? $"{tier}:ort-provider", providers ?? OrtEnv.Instance().GetAvailableProviders()) { Setting = SettingKind.ExecutionProvider, Tier = tier };
    }
}
