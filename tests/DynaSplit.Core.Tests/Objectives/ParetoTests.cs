using DynaSplit.Objectives;

namespace DynaSplit.Core.Tests.Objectives;

public sealed class ParetoTests
{
    private static readonly ObjectiveDirection[] MinMin = [ObjectiveDirection.Minimize, ObjectiveDirection.Minimize];

    [Test]
    public void DominanceNeedsOneStrictImprovement()
    {
        Assert.That(Pareto.Dominates([1, 2], [1, 3], MinMin), Is.True);
        Assert.That(Pareto.Dominates([1, 2], [1, 2], MinMin), Is.False, "equal vectors do not dominate");
        Assert.That(Pareto.Dominates([1, 4], [2, 3], MinMin), Is.False, "a trade-off does not dominate");
    }

    [Test]
    public void TiesAreAllKept()
    {
        var points = new List<double[]> { new double[] { 1, 1 }, new double[] { 1, 1 }, new double[] { 2, 2 } };
        Assert.That(Pareto.NonDominatedIndices(points, MinMin), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void TwoObjectiveFrontIsTheStaircase()
    {
        var points = new List<double[]>
        {
            new double[] { 1, 9 }, new double[] { 2, 7 }, new double[] { 3, 8 }, new double[] { 4, 3 }, new double[] { 5, 3 }, new double[] { 9, 1 },
        };
        Assert.That(Pareto.NonDominatedIndices(points, MinMin), Is.EqualTo(new[] { 0, 1, 3, 5 }));
    }

    [Test]
    public void ThreeObjectivesWithMixedDirections()
    {
        // latency (min), energy (min), accuracy (max)
        var directions = new[] { ObjectiveDirection.Minimize, ObjectiveDirection.Minimize, ObjectiveDirection.Maximize };
        var points = new List<double[]>
        {
            new double[] { 100, 10, 0.70 }, // 0: fast and accurate
            new double[] { 100, 10, 0.60 }, // 1: dominated by 0 (less accurate)
            new double[] { 400, 2, 0.60 },  // 2: low energy, less accurate: a trade-off
            new double[] { 400, 2, 0.70 },  // 3: dominates 2
            new double[] { 500, 3, 0.80 },  // 4: most accurate
            new double[] { 500, 3, 0.79 },  // 5: dominated by 4
        };
        Assert.That(Pareto.NonDominatedIndices(points, directions), Is.EqualTo(new[] { 0, 3, 4 }));

        // Flip accuracy to minimize: now the less accurate ones win, and 5 falls to 2.
        var flipped = new[] { ObjectiveDirection.Minimize, ObjectiveDirection.Minimize, ObjectiveDirection.Minimize };
        Assert.That(Pareto.NonDominatedIndices(points, flipped), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void FilterMatchesBruteForceOnRandomPoints()
    {
        var random = new Random(7);
        var points = Enumerable.Range(0, 300).Select(_ => new[] { Math.Round(random.NextDouble(), 2), Math.Round(random.NextDouble(), 2), Math.Round(random.NextDouble(), 2) }).ToList();
        var directions = new[] { ObjectiveDirection.Minimize, ObjectiveDirection.Maximize, ObjectiveDirection.Minimize };
        var expected = Enumerable.Range(0, points.Count).Where(i => !points.Where((_, j) => j != i).Any(q =>
            q[0] <= points[i][0] && q[1] >= points[i][1] && q[2] <= points[i][2] &&
            (q[0] < points[i][0] || q[1] > points[i][1] || q[2] < points[i][2]))).ToArray();

        Assert.That(Pareto.NonDominatedIndices(points, directions), Is.EqualTo(expected));
        Assert.That(expected.Length, Is.GreaterThan(1));
    }

    [Test]
    public void NaNAndWrongLengthsAreRefused()
    {
        Assert.That(() => Pareto.NonDominatedIndices([new[] { 1.0, double.NaN }], MinMin), Throws.ArgumentException.With.Message.Contains("NaN"));
        Assert.That(() => Pareto.NonDominatedIndices([new[] { 1.0 }], MinMin), Throws.ArgumentException.With.Message.Contains("expected 2"));
    }
}
