namespace DynaSplit.Energy.Rapl;

/// <summary>Options of the RAPL meter.</summary>
public sealed class RaplMeterOptions
{
    /// <summary>The sysfs root to search. Default "/sys".</summary>
    public string SysfsRoot { get; set; } = "/sys";

    /// <summary>
    /// The zone names to sum (package-0, dram, psys, core...). Empty: every top-level package-N zone (the CPU
    /// sockets), or psys when there is no package zone. Subzones (core, uncore) are inside their package: selecting
    /// both counts energy twice; dram is reported beside the package, not inside it.
    /// </summary>
    public IList<string> Zones { get; set; } = [];

    /// <summary>How often the counters are read inside a window to catch wrap-arounds. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
