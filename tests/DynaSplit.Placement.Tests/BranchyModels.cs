using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Tests;
using static DynaSplit.Tests.OnnxGraph;

namespace DynaSplit.Placements.Tests;

/// <summary>Small early-exit ONNX models with random weights, built with the ONNX backend's proto classes.</summary>
internal static class BranchyModels
{
    /// <summary>
    /// x [1,3,8,8] → Conv(3→4)+Relu → exit1 (GlobalAveragePool, Flatten, Gemm→10) → Conv(4→8)+Relu → exit2 (same head)
    /// → Conv(8→8)+Relu → GlobalAveragePool, Flatten, Gemm→10 → exit3.
    /// </summary>
    public static OnnxModel ThreeExits()
    {
        var graph = new GraphProto { Name = "branchy" };
        graph.Input.Add(Value("x", Float, 1, 3, 8, 8));
        var previous = "x";
        var channels = new[] { 3, 4, 8, 8 };
        for (var stage = 1; stage <= 3; stage++)
        {
            var cin = channels[stage - 1];
            var cout = channels[stage];
            graph.Initializer.Add(Weights($"w{stage}", [cout, cin, 3, 3], stage));
            graph.Initializer.Add(Weights($"b{stage}", [cout], 10 + stage));
            graph.Node.Add(Node("Conv", [previous, $"w{stage}", $"b{stage}"], [$"c{stage}"], Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)));
            graph.Node.Add(Node("Relu", [$"c{stage}"], [$"r{stage}"]));
            previous = $"r{stage}";

            graph.Initializer.Add(Weights($"we{stage}", [10, cout], 20 + stage));
            graph.Initializer.Add(Weights($"be{stage}", [10], 30 + stage));
            graph.Node.Add(Node("GlobalAveragePool", [previous], [$"g{stage}"]));
            graph.Node.Add(Node("Flatten", [$"g{stage}"], [$"f{stage}"]));
            graph.Node.Add(Node("Gemm", [$"f{stage}", $"we{stage}", $"be{stage}"], [$"exit{stage}"], new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));
            graph.Output.Add(Value($"exit{stage}", Float, 1, 10));
        }

        return new OnnxModel(OnnxGraph.Model(graph, "dynasplit-placement-tests"), "branchy.onnx");
    }

    /// <summary>
    /// Three exits that do not lie on one trunk: exits a and b share a Relu that exit c does not need.
    /// x → s=Relu → outA=Neg(s); s → Abs → outB=Sigmoid; x → Abs → Neg → Relu → outC=Sigmoid.
    /// </summary>
    public static OnnxModel NotAChain()
    {
        var graph = new GraphProto { Name = "not-a-chain" };
        graph.Input.Add(Value("x", Float, 1, 4));
        graph.Node.Add(Node("Relu", ["x"], ["s"]));
        graph.Node.Add(Node("Neg", ["s"], ["outA"]));
        graph.Node.Add(Node("Abs", ["s"], ["b1"]));
        graph.Node.Add(Node("Sigmoid", ["b1"], ["outB"]));
        graph.Node.Add(Node("Abs", ["x"], ["c1"]));
        graph.Node.Add(Node("Neg", ["c1"], ["c2"]));
        graph.Node.Add(Node("Relu", ["c2"], ["c3"]));
        graph.Node.Add(Node("Sigmoid", ["c3"], ["outC"]));
        foreach (var output in new[] { "outA", "outB", "outC" })
        {
            graph.Output.Add(Value(output, Float, 1, 4));
        }

        return new OnnxModel(OnnxGraph.Model(graph, "dynasplit-placement-tests"), "not-a-chain.onnx");
    }
}
