using DynaSplit.Energy;

namespace DynaSplit.Execution;

/// <summary>What one stage of one inference cost (or, in a trial or table, the mean per inference).</summary>
/// <param name="Stage">The stage's index in its placement.</param>
/// <param name="Tier">The tier that ran it.</param>
/// <param name="ComputeMs">Time computing on the tier, ms.</param>
/// <param name="TransferMs">
/// Time moving the stage's inputs to the tier and its outputs back, ms, beyond the compute (0 in process; for a remote
/// stage the round trip less the server's compute time, which includes queueing on the server).
/// </param>
/// <param name="BytesSent">Bytes of the stage's inputs as they travelled (after the codec).</param>
/// <param name="BytesReceived">Bytes of the stage's outputs as they travelled back.</param>
public sealed record StageMeasurement(int Stage, string Tier, double ComputeMs, double TransferMs, long BytesSent, long BytesReceived)
{
    /// <summary>Energy spent on the tier for this stage, J, when the tier reports it.</summary>
    public double? EnergyJ { get; init; }

    /// <summary>Whether <see cref="EnergyJ"/> was measured by a sensor or estimated.</summary>
    public EnergyReadingKind? EnergyKind { get; init; }

    /// <summary>Time the request waited in the tier's queue before computing, ms (included in <see cref="TransferMs"/>), when reported.</summary>
    public double? QueueMs { get; init; }

    /// <summary>Compute plus transfer, ms.</summary>
    public double TotalMs => ComputeMs + TransferMs;
}
