namespace DynaSplit.Execution;

/// <summary>The outputs of one inference run along a placement, and one measurement per stage.</summary>
/// <param name="Outputs">The model's outputs (those crossing the last stage's last cut).</param>
/// <param name="Stages">One measurement per stage of the placement, in order; empty stages cost zero.</param>
/// <param name="ElapsedMs">Wall-clock time of the whole pipeline, ms.</param>
public sealed record PipelineResult(IReadOnlyList<TensorData> Outputs, IReadOnlyList<StageMeasurement> Stages, double ElapsedMs)
{
    /// <summary>Bytes that crossed a tier boundary (the inputs of every stage after the first, as they travelled).</summary>
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

    /// <summary>Time computing, summed over the stages, ms.</summary>
    public double ComputeMs => Stages.Sum(s => s.ComputeMs);

    /// <summary>Time transferring, summed over the stages, ms.</summary>
    public double TransferMs => Stages.Sum(s => s.TransferMs);
}
