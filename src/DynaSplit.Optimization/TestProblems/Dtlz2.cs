using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.TestProblems;

/// <summary>
/// DTLZ2 of Deb, Thiele, Laumanns and Zitzler (2002): M objectives over n = M + k - 1 variables in [0, 1]; the
/// Pareto front is the part of the unit sphere in the positive orthant.
/// </summary>
public sealed class Dtlz2 : ITestProblem
{
    /// <summary>Creates DTLZ2 with <paramref name="objectives"/> objectives and <paramref name="variables"/> variables (12 for 3 objectives, k = 10).</summary>
    public Dtlz2(int objectives = 3, int variables = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objectives, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(variables, objectives);
        ObjectiveCount = objectives;
        Space = new ConfigurationSpace(Enumerable.Range(1, variables).Select(i => new RealParameter($"x{i}", 0, 1)));
    }

    /// <inheritdoc />
    public string Name => "DTLZ2";

    /// <inheritdoc />
    public ConfigurationSpace Space { get; }

    /// <inheritdoc />
    public int ObjectiveCount { get; }

    /// <inheritdoc />
    public double[] Evaluate(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var x = configuration.Values;
        var m = ObjectiveCount;
        var g = 0.0;
        for (var i = m - 1; i < x.Length; i++)
        {
            g += (x[i] - 0.5) * (x[i] - 0.5);
        }

        var f = new double[m];
        for (var i = 0; i < m; i++)
        {
            var value = 1 + g;
            for (var j = 0; j < m - 1 - i; j++)
            {
                value *= Math.Cos(x[j] * Math.PI / 2);
            }

            if (i > 0)
            {
                value *= Math.Sin(x[m - 1 - i] * Math.PI / 2);
            }

            f[i] = value;
        }

        return f;
    }

    /// <summary>
    /// Das-Dennis points projected onto the unit sphere (the smallest division count giving at least
    /// <paramref name="count"/> points). With 91 points these are the targets NSGA-III's 91 reference lines meet.
    /// </summary>
    public IReadOnlyList<double[]> ParetoFront(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var divisions = 1;
        while (ReferenceDirections.Count(ObjectiveCount, divisions) < count)
        {
            divisions++;
        }

        return ReferenceDirections.DasDennis(ObjectiveCount, divisions)
            .Select(p =>
            {
                var norm = Math.Sqrt(p.Sum(v => v * v));
                return p.Select(v => v / norm).ToArray();
            })
            .ToArray();
    }
}
