using DynaSplit.Objectives;

namespace DynaSplit.Optimization.Indicators;

/// <summary>
/// The exact hypervolume indicator: the measure of the region a point set dominates, bounded by a reference point.
/// Two objectives: a sort and a sweep, O(n log n). Three: the dimension sweep of Beume et al. (2009) over a
/// balanced tree, O(n log n). Four or more: recursive slicing along the last objective down to the 3-D sweep
/// (exact, no inclusion-exclusion), O(n^(d-2) log n).
/// </summary>
public static class Hypervolume
{
    /// <summary>The hypervolume of <paramref name="points"/> with every objective minimized.</summary>
    /// <param name="points">Objective vectors; points not strictly better than the reference in every objective add nothing.</param>
    /// <param name="reference">The reference point (worse than every point that should count).</param>
    /// <exception cref="ArgumentException">A point has another length than the reference, or a value is NaN.</exception>
    public static double Compute(IReadOnlyList<double[]> points, IReadOnlyList<double> reference) =>
        Compute(points, reference, directions: null);

    /// <summary>The hypervolume of <paramref name="points"/> with per-objective directions.</summary>
    /// <param name="points">Objective vectors.</param>
    /// <param name="reference">The reference point, in the objectives' own units and directions.</param>
    /// <param name="directions">Per objective, minimize or maximize; all minimized when null.</param>
    /// <exception cref="ArgumentException">A point has another length than the reference, or a value is NaN.</exception>
    public static double Compute(IReadOnlyList<double[]> points, IReadOnlyList<double> reference, IReadOnlyList<ObjectiveDirection>? directions)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        var dimension = reference.Count;
        if (dimension == 0)
        {
            throw new ArgumentException("The reference point needs at least one objective.", nameof(reference));
        }

        if (directions is not null && directions.Count != dimension)
        {
            throw new ArgumentException($"{directions.Count} directions were given for a {dimension}-objective reference point.", nameof(directions));
        }

        var r = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            if (double.IsNaN(reference[j]))
            {
                throw new ArgumentException($"Reference coordinate {j} is NaN.", nameof(reference));
            }

            r[j] = directions is not null && directions[j] == ObjectiveDirection.Maximize ? -reference[j] : reference[j];
        }

        var minimized = NonDominatedSorting.ToMinimization(points, directions ?? Enumerable.Repeat(ObjectiveDirection.Minimize, dimension).ToArray());
        var inside = new List<double[]>(minimized.Length);
        foreach (var point in minimized)
        {
            var strictlyInside = true;
            for (var j = 0; j < dimension && strictlyInside; j++)
            {
                strictlyInside = point[j] < r[j];
            }

            if (strictlyInside)
            {
                inside.Add(point);
            }
        }

        return ComputeMinimized(inside, r);
    }

    /// <summary>The hypervolume of points that are all strictly better than <paramref name="reference"/>.</summary>
    internal static double ComputeMinimized(List<double[]> points, double[] reference)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        return reference.Length switch
        {
            1 => reference[0] - points.Min(p => p[0]),
            2 => Compute2D(points, reference[0], reference[1]),
            3 => Compute3D(points, reference),
            _ => ComputeBySlicing(points, reference),
        };
    }

    private static double Compute2D(List<double[]> points, double rx, double ry)
    {
        var sorted = points.ToArray();
        Array.Sort(sorted, static (a, b) => a[0] != b[0] ? a[0].CompareTo(b[0]) : a[1].CompareTo(b[1]));
        var area = 0.0;
        var lastY = ry;
        foreach (var p in sorted)
        {
            if (p[1] < lastY)
            {
                area += (rx - p[0]) * (lastY - p[1]);
                lastY = p[1];
            }
        }

        return area;
    }

    private static double Compute3D(List<double[]> points, double[] reference)
    {
        var byZ = points.ToArray();
        Array.Sort(byZ, static (a, b) => a[2] != b[2] ? a[2].CompareTo(b[2]) : a[0] != b[0] ? a[0].CompareTo(b[0]) : a[1].CompareTo(b[1]));
        var front = new Staircase(byZ, reference[0], reference[1]);
        var volume = 0.0;
        var lastZ = byZ[0][2];
        for (var i = 0; i < byZ.Length; i++)
        {
            volume += front.Area * (byZ[i][2] - lastZ);
            lastZ = byZ[i][2];
            front.Insert(i);
        }

        volume += front.Area * (reference[2] - lastZ);
        return volume;
    }

    private static double ComputeBySlicing(List<double[]> points, double[] reference)
    {
        var d = reference.Length;
        var sorted = points.ToArray();
        Array.Sort(sorted, (a, b) => a[d - 1].CompareTo(b[d - 1]));
        var lower = reference[..(d - 1)];
        var slice = new List<double[]>(sorted.Length);
        var volume = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            slice.Add(sorted[i][..(d - 1)]);
            var top = i + 1 < sorted.Length ? sorted[i + 1][d - 1] : reference[d - 1];
            var depth = top - sorted[i][d - 1];
            if (depth > 0)
            {
                volume += depth * ComputeMinimized(NonDominated(slice), lower);
            }
        }

        return volume;
    }

    private static List<double[]> NonDominated(List<double[]> points)
    {
        var result = new List<double[]>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                if (j == i)
                {
                    continue;
                }

                // Drop dominated points and all but the first of equal points.
                dominated = Pareto.Dominates(points[j], points[i]) || (j < i && points[j].AsSpan().SequenceEqual(points[i]));
            }

            if (!dominated)
            {
                result.Add(points[i]);
            }
        }

        return result;
    }
}
