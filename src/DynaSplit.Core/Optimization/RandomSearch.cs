using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>Measures valid configurations in a seeded random order without repetition.</summary>
public sealed class RandomSearch : IMultiObjectiveOptimizer
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public IOptimizationSession CreateSession(OptimizationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var order = problem.Space.ValidConfigurations.ToArray();
        var random = new Random(problem.Seed);
        random.Shuffle(order);
        return new SequenceSession(order);
    }
}
