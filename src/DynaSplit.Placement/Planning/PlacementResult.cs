using System.Diagnostics.CodeAnalysis;

namespace DynaSplit.Placements.Planning;

/// <summary>What a planner returns: a plan that meets the requirements, or why it found none.</summary>
public sealed class PlacementResult
{
    private PlacementResult(string planner, PlacementPlan? plan, string? infeasibleReason)
    {
        Planner = planner;
        Plan = plan;
        InfeasibleReason = infeasibleReason;
    }

    /// <summary>The planner's name.</summary>
    public string Planner { get; }

    /// <summary>The plan, or null when the planner found none that meets the requirements.</summary>
    public PlacementPlan? Plan { get; }

    /// <summary>Why no plan was found, or null when one was.</summary>
    public string? InfeasibleReason { get; }

    /// <summary>True when a plan was found.</summary>
    [MemberNotNullWhen(true, nameof(Plan))]
    [MemberNotNullWhen(false, nameof(InfeasibleReason))]
    public bool IsFeasible => Plan is not null;

    /// <summary>A result with a plan.</summary>
    public static PlacementResult Feasible(string planner, PlacementPlan plan)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planner);
        ArgumentNullException.ThrowIfNull(plan);
        return new PlacementResult(planner, plan, null);
    }

    /// <summary>A result without a plan.</summary>
    public static PlacementResult Infeasible(string planner, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planner);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new PlacementResult(planner, null, reason);
    }

    /// <inheritdoc />
    public override string ToString() => IsFeasible ? $"{Planner}: {Plan}" : $"{Planner}: infeasible ({InfeasibleReason})";
}
