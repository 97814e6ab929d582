namespace DynaSplit.Planning;

/// <summary>
/// A place where a model can be cut into a head (edge) and a tail (cloud). Index 0 runs everything in the
/// cloud (the raw inputs cross), the last index runs everything on the edge (nothing crosses but the outputs).
/// </summary>
public sealed record SplitPoint
{
    /// <summary>The stable index: 0 = everything in the cloud, <see cref="SplitPlan.EdgeOnlyIndex"/> = everything on the edge.</summary>
    public required int Index { get; init; }

    /// <summary>The tensors that cross the cut, in a stable order.</summary>
    public required IReadOnlyList<TensorInfo> Tensors { get; init; }

    /// <summary>True when exactly one tensor crosses the cut.</summary>
    public bool IsSingleTensor => Tensors.Count == 1;

    /// <summary>Bytes crossing per sample, when every crossing tensor's size is known.</summary>
    public long? BytesPerSample
    {
        get
        {
            long total = 0;
            foreach (var tensor in Tensors)
            {
                if (tensor.BytesPerSample is not { } bytes)
                {
                    return null;
                }

                total += bytes;
            }

            return total;
        }
    }

    /// <summary>Estimated floating-point operations of the head per sample.</summary>
    public double HeadFlops { get; init; }

    /// <summary>Estimated floating-point operations of the tail per sample.</summary>
    public double TailFlops { get; init; }

    /// <summary>Bytes of parameters (initializers) the head holds.</summary>
    public long HeadParameterBytes { get; init; }

    /// <summary>Bytes of parameters the tail holds.</summary>
    public long TailParameterBytes { get; init; }

    /// <summary>The head's share of the estimated work, 0..1.</summary>
    public double HeadWorkShare => HeadFlops + TailFlops > 0 ? HeadFlops / (HeadFlops + TailFlops) : 0;

    /// <summary>The name of the last node the head runs, when the planner knows it.</summary>
    public string? LastHeadNode { get; init; }
}
