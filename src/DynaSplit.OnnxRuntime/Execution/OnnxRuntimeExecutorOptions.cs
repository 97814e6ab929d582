using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>Options of the ONNX Runtime split executor, validated when the host starts.</summary>
public sealed class OnnxRuntimeExecutorOptions
{
    /// <summary>The ONNX model to split (its external data files beside it).</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The execution provider head and tail sessions use unless a knob or the configuration says otherwise.</summary>
    public string ExecutionProvider { get; set; } = OnnxRuntimeSessionSettings.CpuProvider;

    /// <summary>Intra-op threads (0 = ONNX Runtime's default) unless a knob or the configuration says otherwise.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Inter-op threads (0 = ONNX Runtime's default).</summary>
    public int InterOpThreads { get; set; }

    /// <summary>The graph optimization level of head and tail sessions.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Whether the planner runs the model once to learn tensor shapes (see <see cref="Planning.OnnxSplitPlannerOptions.ProbeShapes"/>).</summary>
    public bool ProbeShapes { get; set; } = true;

    /// <summary>Sizes of dynamic input dimensions, by name, for the planner's shape probe.</summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The configuration parameter (and knob) that names the execution provider.</summary>
    public string ExecutionProviderParameter { get; set; } = "ort-provider";

    /// <summary>The configuration parameter (and knob) that gives the intra-op thread count.</summary>
    public string IntraOpThreadsParameter { get; set; } = "ort-threads";

    /// <summary>
    /// When true, the handoff packs the cut tensors into one contiguous buffer and unpacks them, as the remote
    /// path will (the handoff time then includes that cost); when false (the default), the head's ONNX Runtime
    /// values go to the tail as they are, without copying.
    /// </summary>
    public bool SerializeHandoff { get; set; }
}
