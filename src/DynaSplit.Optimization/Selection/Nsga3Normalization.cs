using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization.Selection;

/// <summary>
/// NSGA-III's adaptive normalization (Deb and Jain 2014): translate by the ideal point, find the extreme points by
/// the achievement scalarizing function (previous extremes kept), divide by the intercepts of their hyperplane, with
/// the fallbacks of the reference implementation for a degenerate hyperplane. Keeps the ideal point and extremes
/// across generations.
/// </summary>
internal sealed class Nsga3Normalization(int objectives)
{
    private const double Epsilon = 1e-10;
    private readonly int _m = objectives;
    private double[]? _ideal;
    private double[][]? _extremes;

    /// <summary>Normalizes S: translate by the ideal point, divide by the intercepts of the extreme points' hyperplane.</summary>
    public double[][] Normalize(List<Individual> s, List<Individual> firstFront)
    {
        _ideal ??= Enumerable.Repeat(double.PositiveInfinity, _m).ToArray();
        foreach (var individual in s)
        {
            for (var k = 0; k < _m; k++)
            {
                _ideal[k] = Math.Min(_ideal[k], individual.Objectives[k]);
            }
        }

        var worstOfS = new double[_m];
        var worstOfFront = new double[_m];
        Array.Fill(worstOfS, double.NegativeInfinity);
        Array.Fill(worstOfFront, double.NegativeInfinity);
        foreach (var individual in s)
        {
            for (var k = 0; k < _m; k++)
            {
                worstOfS[k] = Math.Max(worstOfS[k], individual.Objectives[k]);
            }
        }

        foreach (var individual in firstFront)
        {
            for (var k = 0; k < _m; k++)
            {
                worstOfFront[k] = Math.Max(worstOfFront[k], individual.Objectives[k]);
            }
        }

        // Extreme points: for each axis, the point minimizing the achievement scalarizing function among the first
        // front and the previous extremes (kept so the normalization does not jump between generations).
        // Translated values within 0.1% of the objective's range count as 0, as in the reference implementation,
        // so that a converged point near a corner wins over an early, unconverged one that sits exactly on the axis.
        var candidates = firstFront.Select(i => i.Objectives).ToList();
        if (_extremes is not null)
        {
            candidates.AddRange(_extremes);
        }

        var extremes = new double[_m][];
        for (var axis = 0; axis < _m; axis++)
        {
            var best = double.PositiveInfinity;
            foreach (var candidate in candidates)
            {
                var asf = double.NegativeInfinity;
                for (var k = 0; k < _m; k++)
                {
                    var translated = candidate[k] - _ideal[k];
                    if (translated < 1e-3 * (worstOfS[k] - _ideal[k]))
                    {
                        translated = 0;
                    }

                    var weight = k == axis ? 1.0 : 1e-6;
                    asf = Math.Max(asf, translated / weight);
                }

                if (asf < best)
                {
                    best = asf;
                    extremes[axis] = candidate;
                }
            }
        }

        _extremes = extremes;

        var intercepts = Intercepts(extremes) ?? worstOfFront.Select((w, k) => w - _ideal[k]).ToArray();
        for (var k = 0; k < _m; k++)
        {
            if (!(intercepts[k] > 1e-6))
            {
                intercepts[k] = worstOfS[k] - _ideal[k];
            }

            if (!(intercepts[k] > Epsilon))
            {
                intercepts[k] = Epsilon;
            }
        }

        var normalized = new double[s.Count][];
        for (var i = 0; i < s.Count; i++)
        {
            var point = new double[_m];
            for (var k = 0; k < _m; k++)
            {
                point[k] = (s[i].Objectives[k] - _ideal[k]) / intercepts[k];
            }

            normalized[i] = point;
        }

        return normalized;
    }

    /// <summary>The axis intercepts of the hyperplane through the translated extreme points, or null when it is degenerate.</summary>
    private double[]? Intercepts(double[][] extremes)
    {
        // Solve E b = 1 for the plane's normal b (E: translated extreme points as rows); intercepts are 1 / b.
        var a = new double[_m, _m + 1];
        for (var r = 0; r < _m; r++)
        {
            for (var c = 0; c < _m; c++)
            {
                a[r, c] = extremes[r][c] - _ideal![c];
            }

            a[r, _m] = 1;
        }

        for (var col = 0; col < _m; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < _m; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return null;
            }

            if (pivot != col)
            {
                for (var c = 0; c <= _m; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                }
            }

            for (var r = 0; r < _m; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var factor = a[r, col] / a[col, col];
                for (var c = col; c <= _m; c++)
                {
                    a[r, c] -= factor * a[col, c];
                }
            }
        }

        var intercepts = new double[_m];
        for (var k = 0; k < _m; k++)
        {
            var b = a[k, _m] / a[k, k];
            intercepts[k] = 1.0 / b;
            if (!double.IsFinite(intercepts[k]) || intercepts[k] <= 1e-6)
            {
                return null;
            }
        }

        return intercepts;
    }
}
