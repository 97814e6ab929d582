using BenchmarkDotNet.Attributes;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using Google.Protobuf;

namespace DynaSplit.Benchmarks.OnnxRuntime;

/// <summary>
/// Split-point discovery on a 1,000-node graph (target: under 50 ms): 250 residual blocks of
/// Conv → Relu → Conv → Add, every value declared in value_info, planned without the ONNX Runtime shape probe
/// (topological order, cuts, work and parameter estimates).
/// </summary>
[MemoryDiagnoser]
public class SplitDiscoveryBenchmark
{
    private OnnxModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var graph = new GraphProto { Name = "residual_1000" };
        graph.Input.Add(Value("x"));
        var weight = new TensorProto { Name = "w", DataType = 1, RawData = ByteString.CopyFrom(new byte[8 * 8 * 3 * 3 * 4]) };
        weight.Dims.Add([8, 8, 3, 3]);
        graph.Initializer.Add(weight);
        var previous = "x";
        for (var block = 0; block < 250; block++)
        {
            var a = $"b{block}_a";
            var r = $"b{block}_r";
            var c = $"b{block}_c";
            var y = $"b{block}_y";
            graph.Node.Add(Node("Conv", [previous, "w"], a));
            graph.Node.Add(Node("Relu", [a], r));
            graph.Node.Add(Node("Conv", [r, "w"], c));
            graph.Node.Add(Node("Add", [c, previous], y));
            foreach (var name in new[] { a, r, c })
            {
                graph.ValueInfo.Add(Value(name));
            }

            previous = y;
            if (block < 249)
            {
                graph.ValueInfo.Add(Value(y));
            }
        }

        graph.Output.Add(Value(previous));
        var proto = new ModelProto { IrVersion = 8, Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        _model = new OnnxModel(proto, "residual_1000");
    }

    [Benchmark]
    public int Discover() => OnnxSplitModel.Create(_model, new OnnxSplitPlannerOptions { ProbeShapes = false }).Plan.SplitPoints.Count;

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static ValueInfoProto Value(string name)
    {
        var shape = new TensorShapeProto();
        foreach (var d in new long[] { 1, 8, 16, 16 })
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
