using System.Globalization;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// The exact optimum: costs every exit that reaches the accuracy floor with every placement the model allows (block 1
/// on the data source, blocks never moving back, links present) and returns the least-energy one within the latency
/// limit. For small instances and as the reference the other planners are checked against.
/// </summary>
/// <remarks>
/// An exit after <c>k</c> blocks on <c>n</c> tiers has up to C(k - 1 + n - 1, n - 1) placements; the planner refuses
/// problems with more than <see cref="MaxPlacements"/> in all. Ties keep the first placement found (shallower exit,
/// then blocks nearer the data source).
/// </remarks>
public sealed class ExhaustivePlanner : IPlacementPlanner
{
    /// <summary>The most placements the planner enumerates before refusing the problem.</summary>
    public const long MaxPlacements = 20_000_000;

    /// <inheritdoc />
    public string Name => PlannerNames.Exhaustive;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The problem has more than <see cref="MaxPlacements"/> placements.</exception>
    public PlacementResult Plan(PlacementProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var profile = problem.Profile;
        var exits = Exits.Qualifying(profile, problem.Requirements);
        if (exits.Length == 0)
        {
            return PlacementResult.Infeasible(Name, Exits.NoneReason(profile, problem.Requirements));
        }

        var tierCount = problem.Topology.Tiers.Count;
        var total = exits.Sum(e => CountMonotone(profile.Exits[e].AfterBlocks - 1, tierCount));
        if (total > MaxPlacements)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{profile.Name} on {tierCount} tiers has {total:G3} placements, more than the exhaustive planner's limit of {MaxPlacements:N0}; use the FIN planner for instances this large."));
        }

        var tables = CostTables.Build(problem.Topology, profile);
        var search = new Search(tables, problem, cancellationToken);
        foreach (var e in exits)
        {
            search.Run(e);
        }

        return search.Best is { } best
            ? PlacementResult.Feasible(Name, best)
            : PlacementResult.Infeasible(Name, string.Create(CultureInfo.InvariantCulture,
                $"no placement of {profile.Name} with an exit above {problem.Requirements.AccuracyPercent:G6}% takes less than {problem.Requirements.LatencyMs:G6} ms (fastest: {search.FastestMs:G6} ms)"));
    }

    /// <summary>Non-decreasing sequences of <paramref name="length"/> tiers in 0..<paramref name="tiers"/> - 1 (an upper bound when links are missing).</summary>
    private static double CountMonotone(int length, int tiers)
    {
        // C(length + tiers - 1, tiers - 1), in doubles so that huge instances report a number instead of overflowing.
        double count = 1;
        for (var i = 1; i < tiers; i++)
        {
            count = count * (length + i) / i;
        }

        return count;
    }

    private sealed class Search(CostTables tables, PlacementProblem problem, CancellationToken cancellationToken)
    {
        private int[] _tiers = [];
        private long _visited;

        public PlacementPlan? Best { get; private set; }

        public double FastestMs { get; private set; } = double.PositiveInfinity;

        public void Run(int exitIndex)
        {
            _tiers = new int[problem.Profile.Exits[exitIndex].AfterBlocks];
            _tiers[0] = 0;
            Extend(exitIndex, 1);
        }

        private void Extend(int exitIndex, int position)
        {
            if (position == _tiers.Length)
            {
                if ((++_visited & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var plan = PlacementCostModel.Evaluate(tables, problem.Topology, problem.Profile, exitIndex, _tiers);
                FastestMs = Math.Min(FastestMs, plan.LatencyMs);
                if (plan.Meets(problem.Requirements) && (Best is null || plan.EnergyJ < Best.EnergyJ))
                {
                    Best = plan;
                }

                return;
            }

            var previous = _tiers[position - 1];
            for (var tier = previous; tier < tables.TierCount; tier++)
            {
                if (!tables.HasLink[previous, tier])
                {
                    continue;
                }

                _tiers[position] = tier;
                Extend(exitIndex, position + 1);
            }
        }
    }
}
