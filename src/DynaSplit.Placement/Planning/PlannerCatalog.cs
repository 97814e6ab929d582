namespace DynaSplit.Placements.Planning;

/// <summary>Creates a planner by name, for command lines and configuration files.</summary>
public static class PlannerCatalog
{
    /// <summary>The names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [PlannerNames.Fin, PlannerNames.Exhaustive, PlannerNames.Greedy];

    /// <summary>Creates the planner called <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">"fin", "exhaustive" or "greedy".</param>
    /// <param name="gamma">FIN's number of latency levels (ignored by the others).</param>
    /// <exception cref="ArgumentException">The name is unknown or gamma is out of range.</exception>
    public static IPlacementPlanner Create(string name, int gamma = 1000) => name.ToLowerInvariant() switch
    {
        PlannerNames.Fin => new FinPlanner(new FinPlannerOptions { Gamma = gamma }),
        PlannerNames.Exhaustive => new ExhaustivePlanner(),
        PlannerNames.Greedy => new LatencyGreedyPlanner(),
        _ => throw new ArgumentException($"Unknown planner '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
