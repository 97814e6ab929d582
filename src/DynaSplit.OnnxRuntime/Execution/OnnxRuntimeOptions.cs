using DynaSplit.Execution;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Options of the ONNX Runtime backend (the stage runner and the split executor), validated when the host starts.
/// The execution provider and thread count here are the defaults of stages whose <see cref="StageSettings"/> leave
/// them unset; the configuration's parameters of a stage's tier set them per stage.
/// </summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The default capacity of the session cache: a three-stage placement plus one.</summary>
    public const int DefaultSessionCacheCapacity = 4;

    /// <summary>The ONNX model to run (its external data files beside it).</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The execution provider of stages whose settings name none.</summary>
    public string ExecutionProvider { get; set; } = OnnxRuntimeSessionSettings.CpuProvider;

    /// <summary>Intra-op threads of stages whose settings give none (0 = ONNX Runtime's default).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Inter-op threads (0 = ONNX Runtime's default).</summary>
    public int InterOpThreads { get; set; }

    /// <summary>The graph optimization level of every session.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// How many segment sessions (one per segment, execution provider and thread count) the stage runner keeps; the
    /// least recently used one is disposed when another is needed. Each session holds its segment's weights, so this
    /// bounds memory during a study that walks through every cut. At least 1.
    /// </summary>
    public int SessionCacheCapacity { get; set; } = DefaultSessionCacheCapacity;

    /// <summary>Whether the planner runs the model once to learn tensor shapes (see <see cref="Planning.OnnxSplitPlannerOptions.ProbeShapes"/>).</summary>
    public bool ProbeShapes { get; set; } = true;

    /// <summary>Sizes of dynamic input dimensions, by name, for the planner's shape probe.</summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// When true, the split executor packs the cut tensors into one contiguous buffer and unpacks them before the tail
    /// (<see cref="CutTensorSerializer"/>, the format of the remote path), so the handoff time includes that cost; when
    /// false (the default), the head's outputs go to the tail as they are.
    /// </summary>
    public bool SerializeHandoff { get; set; }
}
