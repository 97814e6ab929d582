using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Indicators;

namespace DynaSplit.Optimization.Selection;

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002): constraint-domination fronts, crowding distance within the
/// last front that fits, and binary tournaments by rank then crowding for mating.
/// </summary>
internal sealed class Nsga2Selection(Random random) : IEliteSelection
{
    /// <inheritdoc />
    public string AlgorithmName => "NSGA-II";

    /// <inheritdoc />
    public List<Individual> Select(List<Individual> combined, int count)
    {
        var fronts = SortFronts(combined);
        var survivors = new List<Individual>(count);
        for (var f = 0; f < fronts.Length && survivors.Count < count; f++)
        {
            var front = fronts[f].Select(i => combined[i]).ToList();
            AssignCrowding(front);
            foreach (var individual in front)
            {
                individual.Rank = f;
            }

            if (survivors.Count + front.Count <= count)
            {
                survivors.AddRange(front);
                continue;
            }

            // Stable sort keeps the tie order deterministic.
            var ordered = front.Select((individual, index) => (individual, index))
                .OrderByDescending(t => t.individual.Crowding)
                .ThenBy(t => t.index)
                .Select(t => t.individual);
            survivors.AddRange(ordered.Take(count - survivors.Count));
        }

        return survivors;
    }

    /// <inheritdoc />
    public Individual PickParent(IReadOnlyList<Individual> parents)
    {
        var a = parents[random.Next(parents.Count)];
        var b = parents[random.Next(parents.Count)];
        if (a.Rank != b.Rank)
        {
            return a.Rank < b.Rank ? a : b;
        }

        if (a.Crowding != b.Crowding)
        {
            return a.Crowding > b.Crowding ? a : b;
        }

        return random.Next(2) == 0 ? a : b;
    }

    /// <summary>Non-dominated fronts under constraint-domination.</summary>
    internal static int[][] SortFronts(List<Individual> individuals)
    {
        var points = new double[individuals.Count][];
        var violations = new double[individuals.Count];
        for (var i = 0; i < individuals.Count; i++)
        {
            points[i] = individuals[i].Objectives;
            violations[i] = individuals[i].Violation;
        }

        return NonDominatedSorting.SortCore(points, violations);
    }

    /// <summary>Crowding distance (Deb et al. 2002): boundary points infinite, others the normalized cuboid perimeter.</summary>
    internal static void AssignCrowding(List<Individual> front)
    {
        foreach (var individual in front)
        {
            individual.Crowding = 0;
        }

        if (front.Count <= 2)
        {
            foreach (var individual in front)
            {
                individual.Crowding = double.PositiveInfinity;
            }

            return;
        }

        var m = front[0].Objectives.Length;
        var order = new int[front.Count];
        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            var objective = j;
            Array.Sort(order, (x, y) =>
            {
                var c = front[x].Objectives[objective].CompareTo(front[y].Objectives[objective]);
                return c != 0 ? c : x.CompareTo(y);
            });
            var min = front[order[0]].Objectives[j];
            var max = front[order[^1]].Objectives[j];
            front[order[0]].Crowding = double.PositiveInfinity;
            front[order[^1]].Crowding = double.PositiveInfinity;
            if (max - min <= 0)
            {
                continue;
            }

            for (var i = 1; i < order.Length - 1; i++)
            {
                front[order[i]].Crowding += (front[order[i + 1]].Objectives[j] - front[order[i - 1]].Objectives[j]) / (max - min);
            }
        }
    }
}
