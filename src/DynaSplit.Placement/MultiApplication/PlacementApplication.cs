using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.MultiApplication;

/// <summary>One application of a multi-application scenario: a user running a network with its own requirements.</summary>
/// <param name="Name">The application's name (for reports).</param>
/// <param name="Profile">The network it runs.</param>
/// <param name="Requirements">Its latency limit and accuracy floor.</param>
public sealed record PlacementApplication(string Name, EarlyExitProfile Profile, PlacementRequirements Requirements);
