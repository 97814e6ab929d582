using DynaSplit.Topology;

namespace DynaSplit.Execution;

/// <summary>One stage of one inference to run: the part of the model between two cuts, its inputs and settings.</summary>
/// <param name="Stage">The stage (tier and cut range).</param>
/// <param name="Inputs">The tensors crossing the stage's first cut (the model's inputs for the first stage).</param>
/// <param name="Settings">The stage's runtime settings.</param>
public sealed record StageRequest(PlacementStage Stage, IReadOnlyList<TensorData> Inputs, StageSettings Settings)
{
    /// <summary>When the whole request must be answered (for remote stages: the call's deadline), if any.</summary>
    public DateTimeOffset? Deadline { get; init; }
}
