using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>Places the blocks of an early-exit network on the tiers of a topology and chooses the exit.</summary>
/// <remarks>
/// Every planner costs plans with <see cref="PlacementCostModel"/>, so their energies compare exactly. A planner that
/// finds no plan meeting the requirements returns <see cref="PlacementResult.Infeasible"/>, never a plan that fails them.
/// </remarks>
public interface IPlacementPlanner
{
    /// <summary>The planner's name ("fin", "exhaustive", "greedy").</summary>
    string Name { get; }

    /// <summary>Plans one problem.</summary>
    /// <param name="problem">The profile, topology and requirements.</param>
    /// <param name="cancellationToken">Stops a long plan.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    PlacementResult Plan(PlacementProblem problem, CancellationToken cancellationToken = default);
}
