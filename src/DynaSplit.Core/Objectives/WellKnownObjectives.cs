namespace DynaSplit.Objectives;

/// <summary>The objectives DynaSplit optimizes.</summary>
public static class WellKnownObjectives
{
    /// <summary>End-to-end latency per inference, in milliseconds (minimize).</summary>
    public static ObjectiveDefinition Latency { get; } = new("latency", ObjectiveDirection.Minimize, "ms");

    /// <summary>Energy per inference, edge plus cloud, in joules (minimize).</summary>
    public static ObjectiveDefinition Energy { get; } = new("energy", ObjectiveDirection.Minimize, "J");

    /// <summary>Top-1 accuracy, 0..1 (maximize).</summary>
    public static ObjectiveDefinition Accuracy { get; } = new("accuracy", ObjectiveDirection.Maximize);

    /// <summary>Latency and energy.</summary>
    public static IReadOnlyList<ObjectiveDefinition> LatencyEnergy { get; } = [Latency, Energy];

    /// <summary>Latency, energy and accuracy, the paper's three objectives.</summary>
    public static IReadOnlyList<ObjectiveDefinition> LatencyEnergyAccuracy { get; } = [Latency, Energy, Accuracy];
}
