namespace DynaSplit.Optimization;

/// <summary>Measures every valid configuration in ordinal order (up to the budget): the reference Pareto set.</summary>
public sealed class ExhaustiveSearch : IMultiObjectiveOptimizer
{
    /// <inheritdoc />
    public string Name => "exhaustive";

    /// <inheritdoc />
    public IOptimizationSession CreateSession(OptimizationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new SequenceSession(problem.Space.ValidConfigurations);
    }
}
