using DynaSplit.Execution;
using DynaSplit.Spaces;

namespace DynaSplit.Online;

/// <summary>What the online phase did with one request.</summary>
/// <param name="Configuration">The configuration the scheduler chose.</param>
/// <param name="Execution">The executor's outputs, timings and transferred bytes.</param>
/// <param name="LatencyMs">End-to-end latency, including configuring the hardware, ms.</param>
/// <param name="MetThreshold">True when the latency was within the request's threshold.</param>
public sealed record OnlineResult(Configuration Configuration, SplitExecutionResult Execution, double LatencyMs, bool MetThreshold);
