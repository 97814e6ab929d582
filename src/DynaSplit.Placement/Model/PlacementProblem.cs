namespace DynaSplit.Placements.Model;

/// <summary>One planning problem: a network's profile, the topology it may run on and the application's requirements.</summary>
/// <param name="Topology">The tiers and links; block 1 runs on the first tier (the data source).</param>
/// <param name="Profile">The network's blocks and exits.</param>
/// <param name="Requirements">The latency limit and accuracy floor.</param>
public sealed record PlacementProblem(TierTopology Topology, EarlyExitProfile Profile, PlacementRequirements Requirements)
{
    /// <summary>The topology.</summary>
    public TierTopology Topology { get; } = Topology ?? throw new ArgumentNullException(nameof(Topology));

    /// <summary>The profile.</summary>
    public EarlyExitProfile Profile { get; } = Profile ?? throw new ArgumentNullException(nameof(Profile));

    /// <summary>The requirements.</summary>
    public PlacementRequirements Requirements { get; } = Requirements ?? throw new ArgumentNullException(nameof(Requirements));
}
