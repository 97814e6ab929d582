using DynaSplit.Placements.Model;
using DynaSplit.Planning;

namespace DynaSplit.Placements.Onnx;

/// <summary>A profile built from an ONNX model, with the graph parts each block and exit stands for.</summary>
/// <param name="Profile">The profile the planners take.</param>
/// <param name="BlockNodes">The names of the nodes of each block of the trunk (block 1 first).</param>
/// <param name="ExitNodes">The names of the nodes of each exit's own branch (empty for the last exit, whose head is part of the last block).</param>
/// <param name="Cuts">The tensors a cut after each block but the last sends.</param>
public sealed record OnnxEarlyExitProfile(
    EarlyExitProfile Profile,
    IReadOnlyList<IReadOnlyList<string>> BlockNodes,
    IReadOnlyList<IReadOnlyList<string>> ExitNodes,
    IReadOnlyList<IReadOnlyList<TensorInfo>> Cuts);
