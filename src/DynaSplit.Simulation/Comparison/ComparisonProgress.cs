using DynaSplit.Optimization;

namespace DynaSplit.Simulation.Comparison;

/// <summary>Where a running strategy comparison stands: which offline phase, and how far that phase is.</summary>
/// <param name="Run">The offline phase running now, 0-based (seed <see cref="ComparisonSettings.Seed"/> + <paramref name="Run"/>).</param>
/// <param name="Runs">The number of offline phases (<see cref="ComparisonSettings.Seeds"/>).</param>
/// <param name="Offline">The running phase's progress.</param>
public sealed record ComparisonProgress(int Run, int Runs, OfflinePhaseProgress Offline);
