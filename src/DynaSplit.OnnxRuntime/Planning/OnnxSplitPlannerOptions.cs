namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>How <see cref="OnnxSplitPlanner"/> learns tensor shapes, and the limits that keep an untrusted model from using unbounded time or memory while it does.</summary>
public sealed class OnnxSplitPlannerOptions
{
    /// <summary>The default of <see cref="ProbeTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="ProbeMaxInputBytes"/>: 256 MiB.</summary>
    public const long DefaultProbeMaxInputBytes = 256L << 20;

    /// <summary>The default of <see cref="ProbeMaxMemoryBytes"/>: 2 GiB.</summary>
    public const long DefaultProbeMaxMemoryBytes = 2L << 30;

    /// <summary>The default of <see cref="MaxCutTensors"/>: 20 million.</summary>
    public const long DefaultMaxCutTensors = 20_000_000;

    /// <summary>
    /// True (the default) to run the model once in ONNX Runtime on random inputs to learn every value's
    /// concrete shape and element type; false to use only the shapes the file declares (value_info), which is
    /// much faster, runs nothing from the model, but leaves cut sizes unknown where the exporter declared nothing.
    /// </summary>
    public bool ProbeShapes { get; set; } = true;

    /// <summary>
    /// Sizes of the inputs' dynamic dimensions by symbolic name (for example N=1, height=640) for the probe;
    /// dynamic dimensions not named here are 1. Split points' shapes, sizes and work are for these sizes.
    /// </summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// How long the probe run may take before ONNX Runtime is told to stop (a model can loop for ever); the plan
    /// then keeps the shapes ONNX Runtime inferred when loading. Default 30 seconds.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>The most bytes the probe's inputs may take together; larger inputs are not run. Default 256 MiB.</summary>
    public long ProbeMaxInputBytes { get; set; } = DefaultProbeMaxInputBytes;

    /// <summary>
    /// How much the process's resident memory may grow while the probe runs (every intermediate value is kept as an
    /// output) before ONNX Runtime is told to stop. Checked every few milliseconds, so a single allocation can go
    /// beyond it. Default 2 GiB.
    /// </summary>
    public long ProbeMaxMemoryBytes { get; set; } = DefaultProbeMaxMemoryBytes;

    /// <summary>
    /// The most cut tensors all split points may list together (a graph with thousands of values that stay alive has a
    /// split-point table quadratic in its size). Default 20 million.
    /// </summary>
    public long MaxCutTensors { get; set; } = DefaultMaxCutTensors;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        if (ProbeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeTimeout), ProbeTimeout, "The probe timeout must be positive.");
        }

        if (ProbeMaxInputBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeMaxInputBytes), ProbeMaxInputBytes, "The probe's input limit must be positive.");
        }

        if (ProbeMaxMemoryBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeMaxMemoryBytes), ProbeMaxMemoryBytes, "The probe's memory limit must be positive.");
        }

        if (MaxCutTensors <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCutTensors), MaxCutTensors, "The cut-tensor limit must be positive.");
        }
    }
}
