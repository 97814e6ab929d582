namespace DynaSplit.Energy.Estimation;

/// <summary>
/// The power model of the estimator: P = IdleWatts + ActiveWatts × u, where u is the CPU utilisation of the scope over
/// the window as a share of all <see cref="Cores"/> (CPU seconds / (wall seconds × cores), 0..1). Over a window,
/// E = IdleWatts × T + ActiveWatts × (CPU seconds / Cores).
/// </summary>
public sealed class EstimatedEnergyMeterOptions
{
    /// <summary>Power of the host doing nothing, W (measure it once with a wall meter). Must be set.</summary>
    public double IdleWatts { get; set; }

    /// <summary>Extra power with every core busy, W (full-load minus idle). Must be set.</summary>
    public double ActiveWatts { get; set; }

    /// <summary>The cores that ActiveWatts spreads over; null is the processor count this process sees.</summary>
    public int? Cores { get; set; }

    /// <summary>Process (default) or cgroup CPU time.</summary>
    public CpuTimeScope Scope { get; set; } = CpuTimeScope.Process;

    /// <summary>The procfs root. Default "/proc".</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>The cgroup v2 mount. Default "/sys/fs/cgroup".</summary>
    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";

    /// <summary>The cgroup below <see cref="CgroupRoot"/>; null reads it from {ProcRoot}/self/cgroup ("0::/path").</summary>
    public string? CgroupPath { get; set; }

    /// <summary>Clock ticks per second of /proc/self/stat; null asks sysconf(_SC_CLK_TCK) (100 when that fails).</summary>
    public int? ClockTicksPerSecond { get; set; }

    /// <summary>How often the CPU time is read inside a window. Default 1 s (only the ends matter for the estimate).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
