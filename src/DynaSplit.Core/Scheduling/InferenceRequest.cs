namespace DynaSplit.Scheduling;

/// <summary>One inference request as the scheduler sees it: its latency threshold (QoS).</summary>
/// <param name="LatencyThresholdMs">The largest acceptable end-to-end latency, ms.</param>
public readonly record struct InferenceRequest(double LatencyThresholdMs);
