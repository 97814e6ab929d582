namespace DynaSplit.Execution;

/// <summary>A stage's outputs and what it cost, as a <see cref="IStageTransport"/> returns them.</summary>
/// <param name="Outputs">The tensors crossing the stage's last cut.</param>
/// <param name="Measurement">Time, bytes and energy of the stage.</param>
public sealed record StageResult(IReadOnlyList<TensorData> Outputs, StageMeasurement Measurement);
