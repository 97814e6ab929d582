namespace DynaSplit.Objectives;

/// <summary>Whether an objective is better when smaller or larger.</summary>
public enum ObjectiveDirection
{
    /// <summary>Smaller is better (latency, energy).</summary>
    Minimize,

    /// <summary>Larger is better (accuracy).</summary>
    Maximize,
}
