namespace DynaSplit.Spaces;

/// <summary>
/// What kind of setting a configuration parameter controls, independent of the tier it applies to (see
/// <see cref="Parameter.Tier"/>). Together with the tier it replaces the tier-named <see cref="ParameterRole"/>s, so a
/// space can describe any number of tiers.
/// </summary>
public enum SettingKind
{
    /// <summary>No special meaning (a custom knob).</summary>
    Other = 0,

    /// <summary>A cut point of the model: the index of the split point after which the next stage begins.</summary>
    CutPoint,

    /// <summary>A CPU frequency (cpufreq), usually kHz on Linux, MHz in the paper's pool.</summary>
    CpuFrequency,

    /// <summary>The number of online CPU cores (CPU hotplug).</summary>
    CpuCores,

    /// <summary>A CPU frequency governor.</summary>
    CpuGovernor,

    /// <summary>An accelerator's mode or power (for example off, std, max for a Coral Edge TPU; False/True for a cloud GPU).</summary>
    AcceleratorMode,

    /// <summary>A GPU frequency (devfreq on a Jetson), Hz.</summary>
    GpuFrequency,

    /// <summary>A board power mode (Jetson nvpmodel).</summary>
    PowerMode,

    /// <summary>The inference runtime's thread count.</summary>
    Threads,

    /// <summary>The inference runtime's execution provider (CPU, CUDA, ...).</summary>
    ExecutionProvider,

    /// <summary>The codec of the cut tensors that leave the tier (fp32, fp16, int8).</summary>
    TensorCodec,
}
