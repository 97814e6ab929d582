namespace DynaSplit.Planning;

/// <summary>A model's inputs, outputs and every valid split point.</summary>
/// <param name="Model">Where the model came from (a path or a name).</param>
/// <param name="Inputs">The model's inputs (without initializers).</param>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="SplitPoints">The split points, by ascending index.</param>
public sealed record SplitPlan(string Model, IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs, IReadOnlyList<SplitPoint> SplitPoints)
{
    /// <summary>The index that runs everything on the edge.</summary>
    public int EdgeOnlyIndex => SplitPoints.Count == 0 ? 0 : SplitPoints[^1].Index;

    /// <summary>A fingerprint of the model's content (for example <c>sha256:...</c>), when the planner computes one.</summary>
    public string? Fingerprint { get; init; }
}
