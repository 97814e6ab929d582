using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;

namespace DynaSplit.Placements.Reference;

/// <summary>
/// The reproduction of FIN's evaluation with the reference parameters: the two figures (energy against accuracy at
/// 5 ms, energy against latency at 80%) for the three planners, and FIN's distance to the optimum against gamma.
/// </summary>
public static class ReferenceSweep
{
    /// <summary>The figure of energy against the accuracy floor at <see cref="FinReference.FigureLatencyMs"/>.</summary>
    public const string EnergyVsAccuracy = "energy-vs-accuracy";

    /// <summary>The figure of energy against the latency limit at <see cref="FinReference.FigureAccuracyPercent"/>.</summary>
    public const string EnergyVsLatency = "energy-vs-latency";

    /// <summary>The points of both figures for each network, planned by FIN (at <paramref name="gamma"/>), the exhaustive search and the benchmark.</summary>
    public static IReadOnlyList<SweepPoint> Figures(int gamma, IReadOnlyList<EarlyExitProfile>? profiles = null, TierTopology? topology = null, CancellationToken cancellationToken = default)
    {
        profiles ??= FinReference.Profiles;
        topology ??= FinReference.Topology;
        var fin = new FinPlanner(new FinPlannerOptions { Gamma = gamma });
        var exhaustive = new ExhaustivePlanner();
        var greedy = new LatencyGreedyPlanner();
        var points = new List<SweepPoint>();
        foreach (var profile in profiles)
        {
            foreach (var (figure, latency, accuracy) in FigurePoints())
            {
                var problem = new PlacementProblem(topology, profile, new PlacementRequirements(latency, accuracy));
                points.Add(new SweepPoint(profile.Name, figure, latency, accuracy,
                    fin.Plan(problem, cancellationToken), exhaustive.Plan(problem, cancellationToken), greedy.Plan(problem, cancellationToken)));
            }
        }

        return points;
    }

    /// <summary>FIN at each gamma against the optimum over the whole latency x accuracy grid, per network.</summary>
    public static IReadOnlyList<GammaRow> GammaTable(IReadOnlyList<int> gammas, IReadOnlyList<EarlyExitProfile>? profiles = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gammas);
        profiles ??= FinReference.Profiles;
        var exhaustive = new ExhaustivePlanner();
        var rows = new List<GammaRow>();
        foreach (var profile in profiles)
        {
            var problems = FinReference.LatencyGridMs
                .SelectMany(l => FinReference.AccuracyGridPercent.Select(a => new PlacementProblem(FinReference.Topology, profile, new PlacementRequirements(l, a))))
                .Select(p => (Problem: p, Optimum: exhaustive.Plan(p, cancellationToken)))
                .Where(x => x.Optimum.IsFeasible)
                .ToArray();
            foreach (var gamma in gammas)
            {
                var fin = new FinPlanner(new FinPlannerOptions { Gamma = gamma });
                var excess = new List<double>();
                foreach (var (problem, optimum) in problems)
                {
                    if (fin.Plan(problem, cancellationToken) is { IsFeasible: true } found)
                    {
                        excess.Add((found.Plan.EnergyJ / optimum.Plan!.EnergyJ) - 1);
                    }
                }

                rows.Add(new GammaRow(profile.Name, gamma, problems.Length, excess.Count, excess.Count(x => x <= 1e-12),
                    excess.Count == 0 ? double.NaN : excess.Average(), excess.Count == 0 ? double.NaN : excess.Max()));
            }
        }

        return rows;
    }

    private static IEnumerable<(string Figure, double LatencyMs, double AccuracyPercent)> FigurePoints()
    {
        foreach (var accuracy in FinReference.AccuracyGridPercent)
        {
            yield return (EnergyVsAccuracy, FinReference.FigureLatencyMs, accuracy);
        }

        foreach (var latency in FinReference.LatencyGridMs)
        {
            yield return (EnergyVsLatency, latency, FinReference.FigureAccuracyPercent);
        }
    }
}
