using DynaSplit.Spaces;

namespace DynaSplit.Execution;

/// <summary>One inference to run split at <see cref="SplitIndex"/>.</summary>
/// <param name="SplitIndex">The split point's index (see <see cref="Planning.SplitPoint.Index"/>).</param>
/// <param name="Inputs">The model's inputs.</param>
/// <param name="Configuration">The full configuration, for executors that read software knobs from it (threads, execution provider).</param>
public sealed record SplitExecutionRequest(int SplitIndex, IReadOnlyList<TensorData> Inputs, Configuration? Configuration = null);
