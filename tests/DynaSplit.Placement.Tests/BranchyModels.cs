using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;

namespace DynaSplit.Placements.Tests;

/// <summary>Small early-exit ONNX models with random weights, built with the ONNX backend's proto classes.</summary>
internal static class BranchyModels
{
    private const int Float = 1;

    /// <summary>
    /// x [1,3,8,8] → Conv(3→4)+Relu → exit1 (GlobalAveragePool, Flatten, Gemm→10) → Conv(4→8)+Relu → exit2 (same head)
    /// → Conv(8→8)+Relu → GlobalAveragePool, Flatten, Gemm→10 → exit3.
    /// </summary>
    public static OnnxModel ThreeExits()
    {
        var graph = new GraphProto { Name = "branchy" };
        graph.Input.Add(Value("x", 1, 3, 8, 8));
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
            graph.Output.Add(Value($"exit{stage}", 1, 10));
        }

        return new OnnxModel(Model(graph), "branchy.onnx");
    }

    /// <summary>
    /// Three exits that do not lie on one trunk: exits a and b share a Relu that exit c does not need.
    /// x → s=Relu → outA=Neg(s); s → Abs → outB=Sigmoid; x → Abs → Neg → Relu → outC=Sigmoid.
    /// </summary>
    public static OnnxModel NotAChain()
    {
        var graph = new GraphProto { Name = "not-a-chain" };
        graph.Input.Add(Value("x", 1, 4));
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
            graph.Output.Add(Value(output, 1, 4));
        }

        return new OnnxModel(Model(graph), "not-a-chain.onnx");
    }

    private static ModelProto Model(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "dynasplit-placement-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Float, Shape = shape } } };
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_node" };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    private static TensorProto Weights(string name, long[] dims, int seed)
    {
        var random = new Random(seed);
        var values = new float[(int)dims.Aggregate(1L, (p, d) => p * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
        }

        var tensor = new TensorProto { Name = name, DataType = Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
