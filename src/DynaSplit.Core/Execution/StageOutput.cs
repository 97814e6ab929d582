namespace DynaSplit.Execution;

/// <summary>What a <see cref="IStageRunner"/> produced: the tensors crossing the stage's last cut and the compute time.</summary>
/// <param name="Outputs">The tensors crossing the stage's last cut (the model's outputs for the last stage).</param>
/// <param name="Compute">The time the runner spent computing.</param>
public sealed record StageOutput(IReadOnlyList<TensorData> Outputs, TimeSpan Compute);
