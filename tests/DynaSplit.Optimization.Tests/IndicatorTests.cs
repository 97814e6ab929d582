using DynaSplit.Objectives;
using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Indicators;
using DynaSplit.Optimization.TestProblems;
using NUnit.Framework;

namespace DynaSplit.Optimization.Tests;

public sealed class IndicatorTests
{
    /// <summary>
    /// The exact hypervolume of ZDT3's front with reference (1, 1): the integral over f1 in [0, 1] of
    /// 1 - min_{t &lt;= f1} f2(t), f2(t) = 1 - sqrt(t) - t sin(10 pi t), by the trapezoid rule on 10^6 and
    /// 4 * 10^6 intervals (1.0444260072 and 1.0444260074).
    /// </summary>
    private const double Zdt3Hypervolume = 1.04442600743;

    [Test]
    public void Zdt1FrontHasHypervolumeTwoThirds()
    {
        var front = Zdt.Zdt1().ParetoFront(100_000);
        Assert.That(Hypervolume.Compute(front, [1.0, 1.0]), Is.EqualTo(2.0 / 3.0).Within(1e-4));
    }

    [Test]
    public void Zdt2FrontHasHypervolumeOneThird()
    {
        var front = Zdt.Zdt2().ParetoFront(100_000);
        Assert.That(Hypervolume.Compute(front, [1.0, 1.0]), Is.EqualTo(1.0 / 3.0).Within(1e-4));
    }

    [Test]
    public void Zdt3FrontHasTheIntegratedHypervolume()
    {
        var front = Zdt.Zdt3().ParetoFront(200_000);
        Assert.That(Hypervolume.Compute(front, [1.0, 1.0]), Is.EqualTo(Zdt3Hypervolume).Within(1e-4));
    }

    [Test]
    public void Dtlz2FrontHasHypervolumeOneMinusPiOverSix()
    {
        // About 500,000 points of the unit sphere's positive octant (a staircase under-covers by about 0.8 / divisions).
        var front = new Dtlz2().ParetoFront(500_000);
        Assert.That(Hypervolume.Compute(front, [1.0, 1.0, 1.0]), Is.EqualTo(1 - (Math.PI / 6)).Within(1e-3));
    }

    [TestCase(2, 40)]
    [TestCase(3, 30)]
    [TestCase(4, 14)]
    [TestCase(5, 8)]
    public void HypervolumeMatchesGridCounting(int dimension, int count)
    {
        var random = new Random(dimension * 1000 + count);
        for (var trial = 0; trial < 20; trial++)
        {
            // Values on a coarse lattice so duplicates and ties occur.
            var points = Enumerable.Range(0, count)
                .Select(_ => Enumerable.Range(0, dimension).Select(_ => random.Next(0, 12) / 10.0).ToArray())
                .ToList();
            var reference = Enumerable.Repeat(1.0, dimension).ToArray();
            Assert.That(Hypervolume.Compute(points, reference), Is.EqualTo(GridHypervolume(points, reference)).Within(1e-9), $"trial {trial}");
        }
    }

    [Test]
    public void HypervolumeOfOnePointIsItsBox()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hypervolume.Compute([[0.5, 0.25]], [1.0, 1.0]), Is.EqualTo(0.375).Within(1e-12));
            Assert.That(Hypervolume.Compute([[0.5, 0.5, 0.5]], [1.0, 1.0, 1.0]), Is.EqualTo(0.125).Within(1e-12));
            Assert.That(Hypervolume.Compute([[0.5, 0.5, 0.5, 0.5]], [1.0, 1.0, 1.0, 1.0]), Is.EqualTo(0.0625).Within(1e-12));
            Assert.That(Hypervolume.Compute([[1.5, 0.5]], [1.0, 1.0]), Is.EqualTo(0));
        });
    }

    [Test]
    public void HypervolumeHonoursMaximizedObjectives()
    {
        // Minimize latency, maximize accuracy: (2, 0.9) and (1, 0.5) with reference (3, 0).
        var hv = Hypervolume.Compute([[2.0, 0.9], [1.0, 0.5]], [3.0, 0.0], [ObjectiveDirection.Minimize, ObjectiveDirection.Maximize]);
        Assert.That(hv, Is.EqualTo((1 * 0.9) + (1 * 0.5)).Within(1e-12));
    }

    [Test]
    public void SortingFindsTheFronts()
    {
        double[][] points = [[1, 5], [2, 2], [5, 1], [3, 3], [4, 4], [2, 2], [6, 6]];
        var fronts = NonDominatedSorting.Sort(points);
        Assert.That(fronts, Is.EqualTo(new[] { new[] { 0, 1, 2, 5 }, new[] { 3 }, new[] { 4 }, new[] { 6 } }));
    }

    [Test]
    public void SortingHonoursDirections()
    {
        double[][] points = [[1, 0.5], [1, 0.9], [2, 0.95]];
        var fronts = NonDominatedSorting.Sort(points, [ObjectiveDirection.Minimize, ObjectiveDirection.Maximize]);
        Assert.That(fronts, Is.EqualTo(new[] { new[] { 1, 2 }, new[] { 0 } }));
    }

    [Test]
    public void ConstrainedSortingPutsFeasiblePointsFirstThenLessViolation()
    {
        double[][] points = [[0, 0], [5, 5], [1, 1], [9, 9]];
        var fronts = NonDominatedSorting.SortConstrained(points, [2.0, 0.0, 1.0, 0.0]);
        Assert.That(fronts, Is.EqualTo(new[] { new[] { 1 }, new[] { 3 }, new[] { 2 }, new[] { 0 } }));
    }

    [Test]
    public void IgdIsTheMeanNearestDistance()
    {
        double[][] reference = [[0, 1], [1, 0], [0.5, 0.5]];
        double[][] approximation = [[0, 1], [1, 0.5]];
        var expected = (0 + 0.5 + Math.Sqrt(0.25 + 0)) / 3;
        Assert.That(InvertedGenerationalDistance.Compute(approximation, reference), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void DasDennisGivesTheBinomialCountOnTheSimplex()
    {
        var points = ReferenceDirections.DasDennis(3, 12);
        Assert.Multiple(() =>
        {
            Assert.That(points, Has.Length.EqualTo(91));
            Assert.That(ReferenceDirections.DasDennis(3, 3), Has.Length.EqualTo(10));
            Assert.That(points.All(p => Math.Abs(p.Sum() - 1) < 1e-12 && p.All(v => v >= 0)), Is.True);
            Assert.That(points.Select(p => string.Join(",", p)).Distinct().Count(), Is.EqualTo(91));
        });
    }

    /// <summary>Exact hypervolume by counting the cells of the coordinate grid that some point dominates.</summary>
    private static double GridHypervolume(List<double[]> points, double[] reference)
    {
        var d = reference.Length;
        var axes = Enumerable.Range(0, d)
            .Select(j => points.Select(p => p[j]).Where(v => v < reference[j]).Append(reference[j]).Distinct().Order().ToArray())
            .ToArray();
        var index = new int[d];
        var total = 0.0;
        while (true)
        {
            var valid = true;
            for (var j = 0; j < d && valid; j++)
            {
                valid = index[j] < axes[j].Length - 1;
            }

            if (valid)
            {
                var covered = points.Any(p => Enumerable.Range(0, d).All(j => p[j] <= axes[j][index[j]]));
                if (covered)
                {
                    var volume = 1.0;
                    for (var j = 0; j < d; j++)
                    {
                        volume *= axes[j][index[j] + 1] - axes[j][index[j]];
                    }

                    total += volume;
                }
            }

            var k = 0;
            while (k < d)
            {
                index[k]++;
                if (index[k] < axes[k].Length - 1)
                {
                    break;
                }

                index[k] = 0;
                k++;
            }

            if (k == d)
            {
                return total;
            }
        }
    }
}
