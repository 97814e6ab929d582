namespace DynaSplit.OnnxRuntime.Profiling;

/// <summary>What one split point costs on this host (medians over the repetitions).</summary>
/// <param name="Index">The split point.</param>
/// <param name="HeadLatency">The head's median latency (zero at index 0).</param>
/// <param name="TailLatency">The tail's median latency (zero at the edge-only index).</param>
/// <param name="HandoffLatency">The handoff's median latency.</param>
/// <param name="CutBytes">Bytes of the tensors crossing the cut in one inference.</param>
/// <param name="SingleTensor">True when one tensor crosses.</param>
public sealed record SplitPointProfile(int Index, TimeSpan HeadLatency, TimeSpan TailLatency, TimeSpan HandoffLatency, long CutBytes, bool SingleTensor);
