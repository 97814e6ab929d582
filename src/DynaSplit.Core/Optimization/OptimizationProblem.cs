using DynaSplit.Objectives;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>What an optimizer searches: a space, the objectives, the budget and the seed.</summary>
public sealed record OptimizationProblem
{
    /// <summary>Creates a problem.</summary>
    public OptimizationProblem(ConfigurationSpace space, IReadOnlyList<ObjectiveDefinition> objectives, int budget, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(objectives);
        if (objectives.Count == 0)
        {
            throw new ArgumentException("An optimization problem needs at least one objective.", nameof(objectives));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        Space = space;
        Objectives = objectives;
        Budget = budget;
        Seed = seed;
    }

    /// <summary>The configurations to search.</summary>
    public ConfigurationSpace Space { get; }

    /// <summary>The objectives, in the order values are told.</summary>
    public IReadOnlyList<ObjectiveDefinition> Objectives { get; }

    /// <summary>The number of unique configurations that may be measured.</summary>
    public int Budget { get; }

    /// <summary>The random seed; the same seed and the same results give the same proposals.</summary>
    public int Seed { get; }

    /// <summary>
    /// Constraints measured with the objectives, each feasible when its value is at most 0; optimizers that
    /// support them use constraint-domination.
    /// </summary>
    public IReadOnlyList<string> ConstraintNames { get; init; } = [];

    /// <summary>The objectives' directions.</summary>
    public ObjectiveDirection[] Directions => Objectives.Select(o => o.Direction).ToArray();
}
