namespace DynaSplit.Energy.Estimation;

/// <summary>Whose CPU time drives the estimate.</summary>
public enum CpuTimeScope
{
    /// <summary>This process: utime + stime of /proc/self/stat (clock-tick resolution, usually 10 ms).</summary>
    Process,

    /// <summary>This process's cgroup (v2): usage_usec of cpu.stat (µs resolution; counts every process in the container).</summary>
    Cgroup,
}
