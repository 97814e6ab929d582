namespace DynaSplit.Optimization;

/// <summary>Where a running offline phase stands, reported after every batch of trials.</summary>
/// <param name="Completed">Unique configurations whose trial completed so far; the phase stops at <paramref name="Budget"/>.</param>
/// <param name="Budget">The number of completed configurations the phase aims for.</param>
/// <param name="Failed">Trials that failed so far.</param>
/// <param name="Measured">Trials measured in this run (the rest came from the trial store).</param>
/// <param name="Reused">Results taken from the trial store of an earlier, interrupted run instead of being measured again.</param>
public sealed record OfflinePhaseProgress(int Completed, int Budget, int Failed, int Measured, int Reused);
