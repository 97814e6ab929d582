namespace DynaSplit.Optimization;

/// <summary>
/// A multi-objective optimizer (the "sampler" of a study): it proposes configurations and learns from their
/// results through an ask/tell <see cref="IOptimizationSession"/>.
/// </summary>
public interface IMultiObjectiveOptimizer
{
    /// <summary>The optimizer's name as the CLI and logs show it (for example "nsga3", "random", "exhaustive").</summary>
    string Name { get; }

    /// <summary>Starts a session over <paramref name="problem"/>.</summary>
    IOptimizationSession CreateSession(OptimizationProblem problem);
}
