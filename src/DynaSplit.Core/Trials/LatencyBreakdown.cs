namespace DynaSplit.Trials;

/// <summary>Where the time of one inference went, in milliseconds.</summary>
/// <param name="EdgeMs">The head on the edge device.</param>
/// <param name="TransferMs">Sending the cut tensors (and receiving the result).</param>
/// <param name="CloudMs">The tail in the cloud.</param>
public sealed record LatencyBreakdown(double EdgeMs, double TransferMs, double CloudMs);
