using DynaSplit.OnnxRuntime.Models;

namespace DynaSplit.OnnxRuntime.Extraction;

/// <summary>
/// The part of a model between two split points: the nodes from split point <see cref="FromCut"/> up to split point
/// <see cref="ToCut"/>, as a standalone model, and how the tensors crossing the two cuts map onto it.
/// </summary>
/// <remarks>
/// A stage receives every tensor crossing its first cut (<see cref="CutInputs"/>) and hands on every tensor crossing
/// its last cut (<see cref="CutOutputs"/>). The model reads only some of the former (<see cref="Inputs"/>) and computes
/// only some of the latter (<see cref="Outputs"/>); the rest, tensors that cross both cuts (a skip connection, the
/// other branch of a fire module), pass through the stage unchanged (<see cref="PassThrough"/>).
/// </remarks>
public sealed class OnnxSegment
{
    internal OnnxSegment(int fromCut, int toCut, OnnxModel? model, IReadOnlyList<string> cutInputs, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<string> cutOutputs, IReadOnlyList<string> passThrough)
    {
        FromCut = fromCut;
        ToCut = toCut;
        Model = model;
        CutInputs = cutInputs;
        Inputs = inputs;
        Outputs = outputs;
        CutOutputs = cutOutputs;
        PassThrough = passThrough;
    }

    /// <summary>The split point the segment starts at (0 = the model's inputs).</summary>
    public int FromCut { get; }

    /// <summary>The split point the segment ends at (the last split index = the model's outputs).</summary>
    public int ToCut { get; }

    /// <summary>True when the segment runs no node (its two cuts coincide).</summary>
    public bool IsEmpty => Model is null;

    /// <summary>The segment as a standalone model, or null when it is empty.</summary>
    public OnnxModel? Model { get; }

    /// <summary>
    /// The tensors a stage of this segment receives: those crossing <see cref="FromCut"/> (at split point 0 the model's
    /// inputs that some node reads).
    /// </summary>
    public IReadOnlyList<string> CutInputs { get; }

    /// <summary>The tensors among <see cref="CutInputs"/> the segment's model reads: its graph inputs.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The tensors the segment's model computes: its graph outputs.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// The tensors a stage of this segment hands on, in order: those crossing <see cref="ToCut"/>, or, when the
    /// segment ends at the model's last split index, the model's outputs in their declared order.
    /// </summary>
    public IReadOnlyList<string> CutOutputs { get; }

    /// <summary>The tensors of <see cref="CutOutputs"/> the segment does not compute: they cross both cuts and pass through.</summary>
    public IReadOnlyList<string> PassThrough { get; }

    /// <inheritdoc />
    public override string ToString() => $"segment [{FromCut}..{ToCut}]";
}
