namespace DynaSplit.Objectives;

/// <summary>
/// Pareto dominance and non-dominated filtering for any number of objectives, each minimized or maximized.
/// Points with identical objective vectors do not dominate each other, so ties are all kept.
/// </summary>
public static class Pareto
{
    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and strictly
    /// better in at least one.
    /// </summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<ObjectiveDirection> directions)
    {
        if (a.Length != b.Length || a.Length != directions.Length)
        {
            throw new ArgumentException($"Objective vectors of lengths {a.Length} and {b.Length} cannot be compared under {directions.Length} directions.");
        }

        var strictlyBetter = false;
        for (var i = 0; i < a.Length; i++)
        {
            var difference = directions[i] == ObjectiveDirection.Minimize ? b[i] - a[i] : a[i] - b[i];
            if (difference < 0)
            {
                return false;
            }

            if (difference > 0)
            {
                strictlyBetter = true;
            }
        }

        return strictlyBetter;
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
                dominated = j != i && Dominates(points[j], points[i], dirs);
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
}
