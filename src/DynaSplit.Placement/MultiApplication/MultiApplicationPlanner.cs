using DynaSplit.Placements.Model;
using DynaSplit.Placements.Planning;

namespace DynaSplit.Placements.MultiApplication;

/// <summary>
/// Plans several applications that share the tiers beyond the data source, as in FIN's multi-application scenario:
/// every application has its own device (tier 0), and the users of one network together get a share of each further
/// tier's capacity, split evenly between them. Each application is then planned on its share.
/// </summary>
public sealed class MultiApplicationPlanner
{
    private readonly IPlacementPlanner _planner;
    private readonly Func<EarlyExitProfile, double> _share;

    /// <summary>Creates the planner.</summary>
    /// <param name="planner">Plans each application on its share.</param>
    /// <param name="share">
    /// The share of each shared tier's capacity that all users of a network get together (positive; 1 = the whole
    /// tier each, when alone). <see cref="Reference.FinReference.MultiApplicationShare"/> gives the reference code's.
    /// </param>
    public MultiApplicationPlanner(IPlacementPlanner planner, Func<EarlyExitProfile, double> share)
    {
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
        _share = share ?? throw new ArgumentNullException(nameof(share));
    }

    /// <summary>Plans every application.</summary>
    /// <param name="topology">The whole system; tier 0 is each user's own device.</param>
    /// <param name="applications">The applications.</param>
    /// <param name="cancellationToken">Stops between applications.</param>
    public MultiApplicationPlan Plan(TierTopology topology, IReadOnlyList<PlacementApplication> applications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(applications);
        var users = applications.GroupBy(a => a.Profile.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shares = new Dictionary<string, TierTopology>(StringComparer.Ordinal);
        var outcomes = new List<ApplicationOutcome>(applications.Count);
        foreach (var application in applications)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = application.Profile.Name;
            if (!shares.TryGetValue(name, out var shared))
            {
                var factor = _share(application.Profile) / users[name];
                shared = topology.WithCapacityFactors(tier => tier == 0 ? 1 : factor);
                shares[name] = shared;
            }

            var result = _planner.Plan(new PlacementProblem(shared, application.Profile, application.Requirements), cancellationToken);
            outcomes.Add(new ApplicationOutcome(application, shared, result));
        }

        return new MultiApplicationPlan(_planner.Name, outcomes);
    }

    /// <summary>
    /// A population of applications with random requirements: <paramref name="usersPerProfile"/> users of each network,
    /// each with a latency limit and accuracy floor drawn uniformly from the ranges (seeded, so reproducible).
    /// </summary>
    public static IReadOnlyList<PlacementApplication> RandomPopulation(
        IReadOnlyList<EarlyExitProfile> profiles, int usersPerProfile, (double Min, double Max) latencyMs, (double Min, double Max) accuracyPercent, int seed)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(usersPerProfile, 1);
        var random = new Random(seed);
        var applications = new List<PlacementApplication>();
        foreach (var profile in profiles)
        {
            for (var user = 1; user <= usersPerProfile; user++)
            {
                var requirements = new PlacementRequirements(
                    latencyMs.Min + (random.NextDouble() * (latencyMs.Max - latencyMs.Min)),
                    accuracyPercent.Min + (random.NextDouble() * (accuracyPercent.Max - accuracyPercent.Min)));
                applications.Add(new PlacementApplication($"{profile.Name}#{user}", profile, requirements));
            }
        }

        return applications;
    }
}
