namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>How <see cref="OnnxSplitPlanner"/> learns tensor shapes.</summary>
public sealed class OnnxSplitPlannerOptions
{
    /// <summary>
    /// True (the default) to run the model once in ONNX Runtime on random inputs to learn every value's
    /// concrete shape and element type; false to use only the shapes the file declares (value_info), which is
    /// much faster but leaves cut sizes unknown where the exporter declared nothing.
    /// </summary>
    public bool ProbeShapes { get; set; } = true;

    /// <summary>
    /// Sizes of the inputs' dynamic dimensions by symbolic name (for example N=1, height=640) for the probe;
    /// dynamic dimensions not named here are 1. Split points' shapes, sizes and work are for these sizes.
    /// </summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);
}
