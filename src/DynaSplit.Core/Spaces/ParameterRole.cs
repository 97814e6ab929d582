namespace DynaSplit.Spaces;

/// <summary>
/// What a configuration parameter controls. Roles let strategies and baselines find the split point or
/// the accelerators of a space whatever the parameters are called.
/// </summary>
public enum ParameterRole
{
    /// <summary>No special meaning.</summary>
    Other = 0,

    /// <summary>The split index: 0 runs everything in the cloud, the maximum runs everything on the edge.</summary>
    SplitPoint,

    /// <summary>The edge CPU frequency.</summary>
    EdgeCpuFrequency,

    /// <summary>The edge accelerator mode (for example off, std, max for a Coral Edge TPU).</summary>
    EdgeAccelerator,

    /// <summary>Whether the cloud tail runs on an accelerator (GPU) or on the CPU.</summary>
    CloudAccelerator,

    /// <summary>The edge GPU frequency (Jetson).</summary>
    EdgeGpuFrequency,

    /// <summary>A board power mode (Jetson nvpmodel).</summary>
    PowerMode,

    /// <summary>A thread count.</summary>
    Threads,

    /// <summary>An inference runtime execution provider.</summary>
    ExecutionProvider,
}
