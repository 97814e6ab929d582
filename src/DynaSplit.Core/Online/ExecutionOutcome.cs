using DynaSplit.Execution;

namespace DynaSplit.Online;

/// <summary>What one inference cost and produced, as a serving backend reports it.</summary>
/// <param name="LatencyMs">The inference's latency, ms (the reconfiguration before it not included).</param>
/// <param name="EnergyJ">Its energy, J, when known.</param>
/// <param name="Stages">One measurement per stage, when known (empty otherwise).</param>
/// <param name="Outputs">The model's outputs (null in a replay).</param>
public sealed record ExecutionOutcome(double LatencyMs, double? EnergyJ, IReadOnlyList<StageMeasurement> Stages, IReadOnlyList<TensorData>? Outputs)
{
    /// <summary>Bytes that crossed a tier boundary (the inputs of every stage after the first).</summary>
    public long TransferredBytes
    {
        get
        {
            long bytes = 0;
            for (var i = 1; i < Stages.Count; i++)
            {
                bytes += Stages[i].BytesSent;
            }

            return bytes;
        }
    }
}
