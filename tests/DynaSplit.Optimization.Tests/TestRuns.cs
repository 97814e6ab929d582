using DynaSplit.Objectives;
using DynaSplit.Optimization;
using DynaSplit.Optimization.TestProblems;

namespace DynaSplit.Optimization.Tests;

/// <summary>Runs an optimizer on a test problem through ask/tell, one generation per ask.</summary>
internal static class TestRuns
{
    /// <summary>
    /// Runs <paramref name="generations"/> generations (the first one random) and returns the final population's
    /// objective vectors (the survivors of the last environmental selection) and the non-dominated set of every
    /// evaluated configuration (the study's Pareto set, which is what the offline phase keeps), all minimized.
    /// </summary>
    public static (List<double[]> Final, List<double[]> Archive) Run(IMultiObjectiveOptimizer optimizer, ITestProblem problem, int population, int generations, int seed, bool keepArchive = true)
    {
        var objectives = Enumerable.Range(1, problem.ObjectiveCount)
            .Select(i => new ObjectiveDefinition($"f{i}", ObjectiveDirection.Minimize))
            .ToArray();
        var session = optimizer.CreateSession(new OptimizationProblem(problem.Space, objectives, population * generations, seed));
        var archive = new List<double[]>();
        for (var g = 0; g < generations; g++)
        {
            var evaluated = new List<double[]>(archive);
            foreach (var configuration in session.Ask(population))
            {
                var f = problem.Evaluate(configuration);
                evaluated.Add(f);
                session.Tell(configuration, f);
            }

            if (keepArchive)
            {
                archive = NonDominated(evaluated);
            }
        }

        // One more ask runs the last environmental selection; its survivors are the final population.
        session.Ask(1);
        var final = ((Evolutionary.GeneticSession)session).Parents.Select(p => p.Objectives).ToList();
        return (final, archive);
    }

    /// <summary>The non-dominated points of a set (objectives minimized).</summary>
    public static List<double[]> NonDominated(List<double[]> points)
    {
        if (points.Count == 0 || points[0].Length != 2)
        {
            return Indicators.NonDominatedSorting.Sort(points)[0].Select(i => points[i]).ToList();
        }

        // Two objectives: sort by f1 (then f2) and keep the strict improvements of f2.
        var sorted = points.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
        var front = new List<double[]>();
        var best = double.PositiveInfinity;
        foreach (var p in sorted)
        {
            if (p[1] < best)
            {
                front.Add(p);
                best = p[1];
            }
        }

        return front;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }
}
