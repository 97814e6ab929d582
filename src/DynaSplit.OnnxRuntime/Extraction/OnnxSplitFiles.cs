namespace DynaSplit.OnnxRuntime.Extraction;

/// <summary>What <see cref="OnnxSplitWriter"/> wrote.</summary>
/// <param name="HeadPath">The head model's path, or null when the split has no head (everything in the cloud).</param>
/// <param name="TailPath">The tail model's path, or null when the split has no tail (everything on the edge).</param>
/// <param name="ExternalData">True when each written part has a <c>.data</c> file beside it.</param>
/// <param name="Removed">Files of an earlier split removed because they would pair wrongly with this one.</param>
public sealed record OnnxSplitFiles(string? HeadPath, string? TailPath, bool ExternalData, IReadOnlyList<string> Removed);
