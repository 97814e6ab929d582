namespace DynaSplit.Scheduling;

/// <summary>What one probe measured.</summary>
/// <param name="Bytes">Bytes that crossed the link, both ways.</param>
/// <param name="TransferMs">Time they took, ms (transfer only, without the far tier's compute).</param>
public readonly record struct LinkProbeSample(long Bytes, double TransferMs);
