namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>Where a verification or a profile stands: reported after each split point is done.</summary>
/// <param name="Done">Split points done so far.</param>
/// <param name="Total">Split points requested.</param>
/// <param name="Index">The split point just done.</param>
public sealed record SplitPointProgress(int Done, int Total, int Index);
