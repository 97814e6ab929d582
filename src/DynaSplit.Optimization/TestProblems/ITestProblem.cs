using DynaSplit.Spaces;

namespace DynaSplit.Optimization.TestProblems;

/// <summary>
/// A standard multi-objective benchmark problem with a known Pareto front, for checking optimizers and indicators.
/// All objectives are minimized.
/// </summary>
public interface ITestProblem
{
    /// <summary>The problem's name, for example "ZDT1".</summary>
    string Name { get; }

    /// <summary>The decision space (real parameters named x1, x2, ...).</summary>
    ConfigurationSpace Space { get; }

    /// <summary>The number of objectives.</summary>
    int ObjectiveCount { get; }

    /// <summary>The objective values of a configuration.</summary>
    double[] Evaluate(Configuration configuration);

    /// <summary>About <paramref name="count"/> points of the true Pareto front, non-dominated and spread over it.</summary>
    IReadOnlyList<double[]> ParetoFront(int count);
}
