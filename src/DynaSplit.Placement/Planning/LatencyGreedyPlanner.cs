using System.Globalization;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>
/// The benchmark FIN is compared against: a latency-greedy cost minimisation. It takes the shallowest exit that reaches
/// the accuracy floor (the fewest operations), runs block 1 on the data source and puts every later block on the tier,
/// at or beyond the previous block's, with the least compute plus transfer time for that block; if that placement
/// misses the latency limit it tries the next deeper exit, and reports the problem infeasible when none fits.
/// </summary>
/// <remarks>
/// This is this project's reading of the cost-minimisation benchmark of FIN's paper and reference code (which weights
/// latency and accuracy per block and places each block on the fastest node); energy plays no part in its choices,
/// which is what FIN's savings are measured against. Ties go to the tier nearer the data source.
/// </remarks>
public sealed class LatencyGreedyPlanner : IPlacementPlanner
{
    /// <inheritdoc />
    public string Name => PlannerNames.Greedy;

    /// <inheritdoc />
    public PlacementResult Plan(PlacementProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var profile = problem.Profile;
        var exits = Exits.Qualifying(profile, problem.Requirements);
        if (exits.Length == 0)
        {
            return PlacementResult.Infeasible(Name, Exits.NoneReason(profile, problem.Requirements));
        }

        var tables = CostTables.Build(problem.Topology, profile);

        // The greedy choice of block i depends only on block i - 1's tier, so one pass to the deepest exit serves all.
        var deepest = profile.Exits[exits[^1]].AfterBlocks;
        var tiers = new int[deepest];
        for (var i = 1; i < deepest; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = tiers[i - 1];
            var best = from;
            var bestSeconds = tables.StepSeconds(i, from, from);
            for (var to = from + 1; to < tables.TierCount; to++)
            {
                if (tables.HasLink[from, to] && tables.StepSeconds(i, from, to) is var seconds && seconds < bestSeconds)
                {
                    best = to;
                    bestSeconds = seconds;
                }
            }

            tiers[i] = best;
        }

        var fastestMs = double.PositiveInfinity;
        foreach (var e in exits)
        {
            var plan = PlacementCostModel.Evaluate(tables, problem.Topology, profile, e, tiers[..profile.Exits[e].AfterBlocks]);
            if (plan.Meets(problem.Requirements))
            {
                return PlacementResult.Feasible(Name, plan);
            }

            fastestMs = Math.Min(fastestMs, plan.LatencyMs);
        }

        return PlacementResult.Infeasible(Name, string.Create(CultureInfo.InvariantCulture,
            $"the latency-greedy placement of {profile.Name} takes at least {fastestMs:G6} ms with an exit above {problem.Requirements.AccuracyPercent:G6}%, not less than {problem.Requirements.LatencyMs:G6} ms"));
    }
}
