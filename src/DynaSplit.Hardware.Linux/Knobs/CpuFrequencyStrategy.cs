namespace DynaSplit.Hardware.Linux.Knobs;

/// <summary>How a CPU frequency knob sets the frequency of its cpufreq policy.</summary>
public enum CpuFrequencyStrategy
{
    /// <summary>The userspace governor and scaling_setspeed where the kernel offers them, otherwise pinning the limits.</summary>
    Auto = 0,

    /// <summary>Switch to the userspace governor and write scaling_setspeed; fails where the governor is not offered.</summary>
    UserspaceGovernor,

    /// <summary>Set scaling_min_freq and scaling_max_freq to the target, leaving the governor alone.</summary>
    PinLimits,
}
