namespace DynaSplit.Placements.Planning;

/// <summary>Options of <see cref="FinPlanner"/>.</summary>
public sealed class FinPlannerOptions
{
    /// <summary>The largest <see cref="Gamma"/> accepted.</summary>
    public const int MaxGamma = 10_000_000;

    /// <summary>
    /// The number of latency levels the limit is divided into (FIN's gamma, at least 1, default 1000). Each step's time
    /// is rounded up to whole levels, so a larger gamma finds plans closer to the limit: a plan whose latency leaves at
    /// least <c>(blocks + 1) / gamma</c> of the limit unused is always within reach.
    /// </summary>
    public int Gamma { get; set; } = 1000;

    /// <summary>The problems with the options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        Gamma is < 1 or > MaxGamma ? [$"Gamma is {Gamma}; it must be in 1..{MaxGamma:N0} (1000 plans a 100-block network in milliseconds)."] : [];
}
