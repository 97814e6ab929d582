using DynaSplit.Objectives;
using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization.Selection;

/// <summary>
/// NSGA-III (Deb and Jain 2014): non-dominated fronts; the last front that does not fit is filled by
/// reference-point niching after adaptive normalization (ideal point, extreme points by the achievement
/// scalarizing function, hyperplane intercepts, with the fallbacks of the reference implementation for a
/// degenerate hyperplane). Mating picks parents by binary tournaments on constraint-domination.
/// </summary>
internal sealed class Nsga3Selection : IEliteSelection
{
    private readonly double[][] _directions;
    private readonly int _m;
    private readonly Random _random;
    private readonly Nsga3Normalization _normalization;

    public Nsga3Selection(OptimizationProblem problem, Nsga3Options options, Random random)
    {
        _random = random;
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
        _normalization = new Nsga3Normalization(_m);
    }

    /// <summary>The reference points on the normalized hyperplane.</summary>
    public double[][] ReferencePoints { get; }

    /// <inheritdoc />
    public string AlgorithmName => "NSGA-III";

    /// <summary>
    /// A binary tournament by constraint-domination: the feasible or less violating one, else the one that
    /// Pareto-dominates the other, else either at random. Deb and Jain pick parents at random; the tournament
    /// (as in Optuna's NSGA-III sampler, which the paper used) breeds more from the front, which matters when the
    /// budget allows only a few generations.
    /// </summary>
    public Individual PickParent(IReadOnlyList<Individual> parents)
    {
        var a = parents[_random.Next(parents.Count)];
        var b = parents[_random.Next(parents.Count)];
        if (Pareto.ConstrainedDominates(a.Objectives, a.Violation, b.Objectives, b.Violation))
        {
            return a;
        }

        if (Pareto.ConstrainedDominates(b.Objectives, b.Violation, a.Objectives, a.Violation))
        {
            return b;
        }

        return _random.Next(2) == 0 ? a : b;
    }

    /// <inheritdoc />
    public List<Individual> Select(List<Individual> combined, int count)
    {
        var fronts = Nsga2Selection.SortFronts(combined);
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
        var normalized = _normalization.Normalize(s, fronts[0].Select(i => combined[i]).ToList());

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

            var r = ties[_random.Next(ties.Count)];
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
                pick = _random.Next(members.Count);
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
}
