using DynaSplit.Placements.Planning;

namespace DynaSplit.Placements.Reference;

/// <summary>One point of the paper's figures with the three planners' results.</summary>
/// <param name="Model">The network's name.</param>
/// <param name="Figure"><see cref="ReferenceSweep.EnergyVsAccuracy"/> or <see cref="ReferenceSweep.EnergyVsLatency"/>.</param>
/// <param name="LatencyMs">The latency limit, ms.</param>
/// <param name="AccuracyPercent">The accuracy floor, percent.</param>
/// <param name="Fin">FIN's result.</param>
/// <param name="Exhaustive">The optimum.</param>
/// <param name="Greedy">The benchmark's result.</param>
public sealed record SweepPoint(string Model, string Figure, double LatencyMs, double AccuracyPercent, PlacementResult Fin, PlacementResult Exhaustive, PlacementResult Greedy)
{
    /// <summary>FIN's energy saving against the benchmark (1 - FIN / benchmark), or null unless both found a plan.</summary>
    public double? SavingVsGreedy => Fin.IsFeasible && Greedy.IsFeasible ? 1 - (Fin.Plan.EnergyJ / Greedy.Plan.EnergyJ) : null;
}
