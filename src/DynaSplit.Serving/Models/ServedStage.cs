using DynaSplit.Planning;

namespace DynaSplit.Serving.Models;

/// <summary>One served model: the stage of the model between two cuts, with the tensors it takes and returns.</summary>
/// <param name="Name">The served name (<c>model.from-to</c>).</param>
/// <param name="FromCut">The cut the stage starts at.</param>
/// <param name="ToCut">The cut it ends at.</param>
/// <param name="Inputs">The tensors it takes, in order.</param>
/// <param name="Outputs">The tensors it returns, in order.</param>
public sealed record ServedStage(string Name, int FromCut, int ToCut, IReadOnlyList<TensorInfo> Inputs, IReadOnlyList<TensorInfo> Outputs);
