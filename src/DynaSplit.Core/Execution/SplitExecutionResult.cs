namespace DynaSplit.Execution;

/// <summary>The outputs of one split inference and what it cost.</summary>
/// <param name="Outputs">The model's outputs.</param>
/// <param name="Timings">Time per stage.</param>
/// <param name="TransferredBytes">Bytes of the tensors that crossed the cut.</param>
public sealed record SplitExecutionResult(IReadOnlyList<TensorData> Outputs, StageTimings Timings, long TransferredBytes);
