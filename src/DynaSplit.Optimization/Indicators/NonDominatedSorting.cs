using System.Numerics;
using DynaSplit.Objectives;

namespace DynaSplit.Optimization.Indicators;

/// <summary>
/// Fast non-dominated sorting (Deb et al. 2002): splits points into fronts, the first holding the non-dominated
/// points, each later one the points dominated only by earlier fronts. O(M N^2) comparisons.
/// </summary>
public static class NonDominatedSorting
{
    /// <summary>The fronts of <paramref name="points"/> (indices, ascending within a front), all objectives minimized.</summary>
    /// <exception cref="ArgumentException">The points have different lengths or hold NaN.</exception>
    public static int[][] Sort(IReadOnlyList<double[]> points) => Sort(points, directions: null);

    /// <summary>The fronts of <paramref name="points"/> (indices, ascending within a front).</summary>
    /// <param name="points">Objective vectors.</param>
    /// <param name="directions">Per objective, minimize or maximize; all minimized when null.</param>
    /// <exception cref="ArgumentException">The points have different lengths or hold NaN.</exception>
    public static int[][] Sort(IReadOnlyList<double[]> points, IReadOnlyList<ObjectiveDirection>? directions)
    {
        ArgumentNullException.ThrowIfNull(points);
        var minimized = ToMinimization(points, directions);
        return SortCore(minimized, violations: null);
    }

    /// <summary>
    /// The fronts under constraint-domination: a feasible point (total violation 0) dominates an infeasible one,
    /// of two infeasible points the one with the smaller violation dominates, and feasible points compare by
    /// Pareto dominance.
    /// </summary>
    /// <param name="points">Objective vectors, all minimized.</param>
    /// <param name="violations">Per point, the total constraint violation (0 when feasible, positive otherwise).</param>
    public static int[][] SortConstrained(IReadOnlyList<double[]> points, IReadOnlyList<double> violations)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count != points.Count)
        {
            throw new ArgumentException($"{violations.Count} violations were given for {points.Count} points.", nameof(violations));
        }

        var minimized = ToMinimization(points, null);
        return SortCore(minimized, violations);
    }

    /// <summary>Sorts minimized points; <paramref name="violations"/> may be null (all feasible).</summary>
    /// <remarks>
    /// Who dominates whom is kept as one bit row per point (N^2 bits, 5 KB for the 200 points of a generation of
    /// 100) rather than a list per point, and the points are read from arrays, so that the O(M N^2) comparisons are
    /// the only work of any size; the fronts are the same.
    /// </remarks>
    internal static int[][] SortCore(IReadOnlyList<double[]> points, IReadOnlyList<double>? violations)
    {
        var n = points.Count;
        if (n == 0)
        {
            return [];
        }

        var vectors = points as double[][] ?? [.. points];
        var violation = violations is null ? null : violations as double[] ?? [.. violations];
        var words = (n + 63) >> 6;

        // Row p of dominates: the points p dominates; count[q]: how many points dominate q.
        var dominates = new ulong[n * words];
        var count = new int[n];
        for (var p = 0; p < n; p++)
        {
            var vp = violation?[p] ?? 0;
            var a = vectors[p];
            for (var q = p + 1; q < n; q++)
            {
                var relation = Pareto.ConstrainedRelation(a, vp, vectors[q], violation?[q] ?? 0);
                if (relation < 0)
                {
                    dominates[(p * words) + (q >> 6)] |= 1UL << (q & 63);
                    count[q]++;
                }
                else if (relation > 0)
                {
                    dominates[(q * words) + (p >> 6)] |= 1UL << (p & 63);
                    count[p]++;
                }
            }
        }

        var fronts = new List<int[]>();
        var current = new List<int>();
        var next = new List<int>();
        for (var p = 0; p < n; p++)
        {
            if (count[p] == 0)
            {
                current.Add(p);
            }
        }

        while (current.Count > 0)
        {
            current.Sort();
            fronts.Add([.. current]);
            next.Clear();
            foreach (var p in current)
            {
                var row = dominates.AsSpan(p * words, words);
                for (var w = 0; w < row.Length; w++)
                {
                    for (var bits = row[w]; bits != 0; bits &= bits - 1)
                    {
                        var q = (w << 6) + BitOperations.TrailingZeroCount(bits);
                        if (--count[q] == 0)
                        {
                            next.Add(q);
                        }
                    }
                }
            }

            (current, next) = (next, current);
        }

        return [.. fronts];
    }

    /// <summary>Copies points into minimization form (maximized objectives negated), checking lengths and NaN.</summary>
    internal static double[][] ToMinimization(IReadOnlyList<double[]> points, IReadOnlyList<ObjectiveDirection>? directions)
    {
        var dimension = directions?.Count ?? (points.Count > 0 ? points[0].Length : 0);
        var dirs = directions?.ToArray() ?? new ObjectiveDirection[dimension];
        var result = new double[points.Count][];
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException($"Point {i} is null.", nameof(points));
            if (point.Length != dimension)
            {
                throw new ArgumentException($"Point {i} has {point.Length} objectives; expected {dimension}.", nameof(points));
            }

            try
            {
                result[i] = Pareto.ToMinimization(point, dirs);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Point {i}: {e.Message}", nameof(points), e);
            }
        }

        return result;
    }
}
