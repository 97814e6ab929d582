namespace DynaSplit.Objectives;

/// <summary>
/// Pareto dominance, constraint-domination, the conversion to minimization and non-dominated filtering, for any
/// number of objectives, each minimized or maximized: the one implementation that the optimizers' sorting, archive
/// and indicators use. Points with identical objective vectors do not dominate each other, so ties are all kept.
/// </summary>
public static class Pareto
{
    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and strictly
    /// better in at least one.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors and directions have different lengths.</exception>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<ObjectiveDirection> directions)
    {
        if (a.Length != b.Length || a.Length != directions.Length)
        {
            throw new ArgumentException($"Objective vectors of lengths {a.Length} and {b.Length} cannot be compared under {directions.Length} directions.");
        }

        return Relation(a, b, directions) < 0;
    }

    /// <summary>True when <paramref name="a"/> Pareto-dominates <paramref name="b"/>, every objective minimized.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Relation(a, b, default) < 0;

    /// <summary>
    /// True when <paramref name="a"/> constraint-dominates <paramref name="b"/> (Deb et al. 2002), objectives
    /// minimized: a feasible point (total violation 0) dominates an infeasible one, of two infeasible points the one
    /// with the smaller violation dominates, and feasible points compare by Pareto dominance.
    /// </summary>
    public static bool ConstrainedDominates(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB) =>
        ConstrainedRelation(a, violationA, b, violationB) < 0;

    /// <summary>
    /// In one pass, -1 when <paramref name="a"/> constraint-dominates <paramref name="b"/>, 1 when <paramref name="b"/>
    /// constraint-dominates <paramref name="a"/>, else 0; objectives minimized, violations 0 when feasible.
    /// </summary>
    public static int ConstrainedRelation(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
    {
        if (violationA > 0 || violationB > 0)
        {
            return violationA.CompareTo(violationB);
        }

        return Relation(a, b, default);
    }

    /// <summary>
    /// A copy of <paramref name="values"/> with every maximized objective negated, so that all are minimized.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ or a value is NaN.</exception>
    public static double[] ToMinimization(ReadOnlySpan<double> values, ReadOnlySpan<ObjectiveDirection> directions)
    {
        if (values.Length != directions.Length)
        {
            throw new ArgumentException($"{values.Length} objective values cannot be turned into minimizations under {directions.Length} directions.");
        }

        var minimized = new double[values.Length];
        for (var j = 0; j < values.Length; j++)
        {
            if (double.IsNaN(values[j]))
            {
                throw new ArgumentException($"Objective {j} is NaN; measure it again or leave the point out.");
            }

            minimized[j] = directions[j] == ObjectiveDirection.Maximize ? -values[j] : values[j];
        }

        return minimized;
    }

    /// <summary>The indices of the non-dominated points, ascending.</summary>
    /// <exception cref="ArgumentException">A vector has the wrong length or holds NaN.</exception>
    public static int[] NonDominatedIndices(IReadOnlyList<double[]> points, IReadOnlyList<ObjectiveDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(directions);
        var dirs = directions.ToArray();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Length != dirs.Length)
            {
                throw new ArgumentException($"Point {i} has {point.Length} objectives; expected {dirs.Length}.", nameof(points));
            }

            if (Array.Exists(point, double.IsNaN))
            {
                throw new ArgumentException($"Point {i} has a NaN objective; measure it again or leave it out.", nameof(points));
            }
        }

        var result = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                dominated = j != i && Relation(points[j], points[i], dirs) < 0;
            }

            if (!dominated)
            {
                result.Add(i);
            }
        }

        return result.ToArray();
    }

    /// <summary>The non-dominated items, in their original order.</summary>
    public static List<T> Filter<T>(IReadOnlyList<T> items, Func<T, double[]> objectives, IReadOnlyList<ObjectiveDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(objectives);
        var points = items.Select(objectives).ToArray();
        return NonDominatedIndices(points, directions).Select(i => items[i]).ToList();
    }

    /// <summary>-1 when a dominates b, 1 when b dominates a, else 0; an empty <paramref name="directions"/> minimizes all.</summary>
    /// <remarks>
    /// Without branches on the values (which objective is better is unpredictable when points are compared by the
    /// ten thousand, in every generation's sorting): one bit for "a better somewhere", one for "b better somewhere".
    /// </remarks>
    private static int Relation(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<ObjectiveDirection> directions)
    {
        b = b[..a.Length];
        var aBetter = 0;
        var bBetter = 0;
        if (directions.Length == 0)
        {
            for (var i = 0; i < a.Length; i++)
            {
                aBetter |= a[i] < b[i] ? 1 : 0;
                bBetter |= a[i] > b[i] ? 1 : 0;
            }
        }
        else
        {
            for (var i = 0; i < a.Length; i++)
            {
                var maximized = directions[i] == ObjectiveDirection.Maximize;
                var x = maximized ? b[i] : a[i];
                var y = maximized ? a[i] : b[i];
                aBetter |= x < y ? 1 : 0;
                bBetter |= x > y ? 1 : 0;
            }
        }

        return (aBetter & bBetter) != 0 ? 0 : bBetter - aBetter;
    }
}
