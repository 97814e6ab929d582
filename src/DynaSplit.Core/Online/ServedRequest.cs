using DynaSplit.Spaces;

namespace DynaSplit.Online;

/// <summary>What the serving loop did with one request.</summary>
/// <param name="Configuration">The configuration the scheduler chose.</param>
/// <param name="SwitchMs">Time spent reconfiguring before the inference, ms (0 when nothing changed).</param>
/// <param name="Execution">The inference's outcome.</param>
/// <param name="LatencyMs">End-to-end latency: reconfiguration plus inference, ms.</param>
/// <param name="MetThreshold">True when <paramref name="LatencyMs"/> was within the request's threshold.</param>
public sealed record ServedRequest(Configuration Configuration, double SwitchMs, ExecutionOutcome Execution, double LatencyMs, bool MetThreshold);
