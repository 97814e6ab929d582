namespace DynaSplit.Placements.MultiApplication;

/// <summary>The outcome of every application of a scenario under one planner.</summary>
public sealed class MultiApplicationPlan
{
    internal MultiApplicationPlan(string planner, IReadOnlyList<ApplicationOutcome> outcomes)
    {
        Planner = planner;
        Outcomes = outcomes;
    }

    /// <summary>The planner's name.</summary>
    public string Planner { get; }

    /// <summary>Per application, in the order given.</summary>
    public IReadOnlyList<ApplicationOutcome> Outcomes { get; }

    /// <summary>The share of applications whose requirements are met.</summary>
    public double SuccessProbability => Outcomes.Count == 0 ? 0 : (double)Outcomes.Count(o => o.RequirementsMet) / Outcomes.Count;

    /// <summary>Energy per sample summed over the applications whose requirements are met, J.</summary>
    public double EnergyJ => Outcomes.Where(o => o.RequirementsMet).Sum(o => o.Result.Plan!.EnergyJ);
}
