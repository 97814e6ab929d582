using Microsoft.Extensions.Logging;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// NSGA-III (Deb and Jain 2014): non-dominated fronts; the last front that does not fit is filled by
/// reference-point niching after adaptive normalization (ideal point, extreme points by the achievement
/// scalarizing function, hyperplane intercepts, with the fallbacks of the reference implementation for a
/// degenerate hyperplane). Mating picks parents by binary tournaments on constraint-domination.
/// </summary>
internal sealed class Nsga3Session : GeneticSession
{
    private const double Epsilon = 1e-10;
    private readonly double[][] _directions;
    private readonly int _m;
    private double[]? _ideal;
    private double[][]? _extremes;

    public Nsga3Session(OptimizationProblem problem, Nsga3Options options, ILogger logger)
        : base(problem, options, logger)
    {
        _m = problem.Objectives.Count;
        var points = options.ReferencePoints ?? ReferenceDirections.DasDennis(_m, options.Divisions);
        if (points.Any(p => p.Length != _m))
        {
            throw new ArgumentException($"NSGA-III reference points must have {_m} coordinates, one per objective ({string.Join(", ", problem.Objectives.Select(o => o.Name))}).");
        }

        ReferencePoints = points.Select(p => (double[])p.Clone()).ToArray();
        _directions = ReferencePoints.Select(p =>
        {
            var norm = Math.Sqrt(p.Sum(v => v * v));
            return p.Select(v => v / norm).ToArray();
        }).ToArray();
    }

    /// <summary>The reference points on the normalized hyperplane.</summary>
    public double[][] ReferencePoints { get; }

    protected override string AlgorithmName => "NSGA-III";

    /// <summary>
    /// A binary tournament by constraint-domination: the feasible or less violating one, else the one that
    /// Pareto-dominates the other, else either at random. Deb and Jain pick parents at random; the tournament
    /// (as in Optuna's NSGA-III sampler, which the paper used) breeds more from the front, which matters when the
    /// budget allows only a few generations.
    /// </summary>
    protected override Individual PickParent(IReadOnlyList<Individual> parents)
    {
        var a = parents[Random.Next(parents.Count)];
        var b = parents[Random.Next(parents.Count)];
        if (Indicators.NonDominatedSorting.ConstrainedDominates(a.Objectives, a.Violation, b.Objectives, b.Violation))
        {
            return a;
        }

        if (Indicators.NonDominatedSorting.ConstrainedDominates(b.Objectives, b.Violation, a.Objectives, a.Violation))
        {
            return b;
        }

        return Random.Next(2) == 0 ? a : b;
    }

    protected override List<Individual> Select(List<Individual> combined, int count)
    {
        var fronts = Nsga2Session.SortFronts(combined);
        var chosen = new List<Individual>(count);
        var s = new List<Individual>(combined.Count);
        var last = -1;
        for (var f = 0; f < fronts.Length; f++)
        {
            foreach (var index in fronts[f])
            {
                combined[index].Rank = f;
                s.Add(combined[index]);
            }

            if (s.Count >= count)
            {
                last = f;
                break;
            }
        }

        if (last < 0 || s.Count == count)
        {
            return s;
        }

        var lastFront = fronts[last].Select(i => combined[i]).ToList();
        chosen.AddRange(s.Take(s.Count - lastFront.Count));
        var normalized = Normalize(s, fronts[0].Select(i => combined[i]).ToList());

        // Associate every member of S with its nearest reference line.
        var niche = new int[s.Count];
        var distance = new double[s.Count];
        for (var i = 0; i < s.Count; i++)
        {
            (niche[i], distance[i]) = Associate(normalized[i]);
        }

        var counts = new int[_directions.Length];
        for (var i = 0; i < chosen.Count; i++)
        {
            counts[niche[i]]++;
        }

        // Candidates of the last front per reference point (indices into S).
        var candidates = new List<int>[_directions.Length];
        for (var j = 0; j < candidates.Length; j++)
        {
            candidates[j] = [];
        }

        for (var i = chosen.Count; i < s.Count; i++)
        {
            candidates[niche[i]].Add(i);
        }

        var active = new bool[_directions.Length];
        for (var j = 0; j < active.Length; j++)
        {
            active[j] = candidates[j].Count > 0;
        }

        var ties = new List<int>();
        var remaining = count - chosen.Count;
        while (remaining > 0)
        {
            var min = int.MaxValue;
            ties.Clear();
            for (var j = 0; j < counts.Length; j++)
            {
                if (!active[j])
                {
                    continue;
                }

                if (counts[j] < min)
                {
                    min = counts[j];
                    ties.Clear();
                }

                if (counts[j] == min)
                {
                    ties.Add(j);
                }
            }

            var r = ties[Random.Next(ties.Count)];
            var members = candidates[r];
            int pick;
            if (counts[r] == 0)
            {
                pick = 0;
                for (var k = 1; k < members.Count; k++)
                {
                    if (distance[members[k]] < distance[members[pick]])
                    {
                        pick = k;
                    }
                }
            }
            else
            {
                pick = Random.Next(members.Count);
            }

            chosen.Add(s[members[pick]]);
            members.RemoveAt(pick);
            counts[r]++;
            remaining--;
            if (members.Count == 0)
            {
                active[r] = false;
            }
        }

        return chosen;
    }

    /// <summary>The nearest reference line of a normalized point and the perpendicular distance to it.</summary>
    private (int Index, double Distance) Associate(double[] point)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        var squaredNorm = 0.0;
        for (var k = 0; k < _m; k++)
        {
            squaredNorm += point[k] * point[k];
        }

        for (var j = 0; j < _directions.Length; j++)
        {
            var direction = _directions[j];
            var dot = 0.0;
            for (var k = 0; k < _m; k++)
            {
                dot += point[k] * direction[k];
            }

            var d = Math.Max(0, squaredNorm - (dot * dot));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = j;
            }
        }

        return (best, Math.Sqrt(bestDistance));
    }

    /// <summary>Normalizes S: translate by the ideal point, divide by the intercepts of the extreme points' hyperplane.</summary>
    private double[][] Normalize(List<Individual> s, List<Individual> firstFront)
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
