namespace DynaSplit.Placements.Planning;

/// <summary>The names of the planners of this assembly.</summary>
public static class PlannerNames
{
    /// <summary>FIN, the feasible inference graph (<see cref="FinPlanner"/>).</summary>
    public const string Fin = "fin";

    /// <summary>The exhaustive optimum (<see cref="ExhaustivePlanner"/>).</summary>
    public const string Exhaustive = "exhaustive";

    /// <summary>The latency-greedy cost-minimisation benchmark (<see cref="LatencyGreedyPlanner"/>).</summary>
    public const string Greedy = "greedy";
}
