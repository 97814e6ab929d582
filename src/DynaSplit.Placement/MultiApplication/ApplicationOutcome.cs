using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;

namespace DynaSplit.Placements.MultiApplication;

/// <summary>What one application got in a multi-application plan.</summary>
/// <param name="Application">The application.</param>
/// <param name="Topology">The topology as this application sees it: its share of each shared tier's capacity.</param>
/// <param name="Result">The planner's result on that share.</param>
public sealed record ApplicationOutcome(PlacementApplication Application, TierTopology Topology, PlacementResult Result)
{
    /// <summary>True when the application's requirements are met (the planner found a plan).</summary>
    public bool RequirementsMet => Result.IsFeasible;
}
