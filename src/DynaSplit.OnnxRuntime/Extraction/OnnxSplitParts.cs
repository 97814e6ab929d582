using DynaSplit.OnnxRuntime.Models;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Extraction;

/// <summary>The head and tail models of one split point, and how values flow between them.</summary>
public sealed class OnnxSplitParts
{
    internal OnnxSplitParts(SplitPoint point, OnnxModel? head, OnnxModel? tail, IReadOnlyList<string> headInputs, IReadOnlyList<string> headOutputs, IReadOnlyList<string> tailInputs, IReadOnlyList<string> tailOutputs)
    {
        Point = point;
        Head = head;
        Tail = tail;
        HeadInputs = headInputs;
        HeadOutputs = headOutputs;
        TailInputs = tailInputs;
        TailOutputs = tailOutputs;
    }

    /// <summary>The split point.</summary>
    public SplitPoint Point { get; }

    /// <summary>The edge part, or null at index 0 (everything in the cloud).</summary>
    public OnnxModel? Head { get; }

    /// <summary>The cloud part, or null at the last index (everything on the edge).</summary>
    public OnnxModel? Tail { get; }

    /// <summary>The model inputs the head reads.</summary>
    public IReadOnlyList<string> HeadInputs { get; }

    /// <summary>The values the head computes for the tail or the caller (the cut tensors it produces).</summary>
    public IReadOnlyList<string> HeadOutputs { get; }

    /// <summary>The cut tensors the tail reads.</summary>
    public IReadOnlyList<string> TailInputs { get; }

    /// <summary>The model outputs the tail computes; the others come from the head or straight from the inputs.</summary>
    public IReadOnlyList<string> TailOutputs { get; }
}
