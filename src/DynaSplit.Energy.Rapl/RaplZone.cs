namespace DynaSplit.Energy.Rapl;

/// <summary>One RAPL power zone under /sys/class/powercap.</summary>
/// <param name="Id">The zone directory's name (intel-rapl:0, intel-rapl:0:1, intel-rapl-mmio:0).</param>
/// <param name="Name">The zone's name file (package-0, core, uncore, dram, psys).</param>
/// <param name="Path">The zone directory.</param>
/// <param name="MaxEnergyRangeMicrojoules">max_energy_range_uj: where energy_uj wraps back to 0.</param>
/// <param name="IsTopLevel">True for a top-level zone (intel-rapl:N); false for a subzone (intel-rapl:N:M).</param>
public sealed record RaplZone(string Id, string Name, string Path, long MaxEnergyRangeMicrojoules, bool IsTopLevel)
{
    /// <summary>The counter file.</summary>
    public string EnergyPath => System.IO.Path.Combine(Path, "energy_uj");
}
