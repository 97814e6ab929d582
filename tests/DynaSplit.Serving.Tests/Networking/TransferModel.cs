using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;
using static DynaSplit.Tests.OnnxGraph;

namespace DynaSplit.Serving.Tests.Networking;

/// <summary>
/// A small ONNX model whose cut tensors are exactly 20 MB and 1 MB, for measuring transfers of known size through the
/// server: x float[1,20,250000] -> Relu -> a (20,000,000 bytes) -> ReduceMax over axis 1 -> b float[1,250000]
/// (1,000,000 bytes) -> Relu -> ReduceMean -> y float[1,1]. The tails at those cuts compute almost nothing (a
/// reduction), so a request's time is the transfer's.
/// </summary>
internal static class TransferModel
{
    /// <summary>The name the server serves it under.</summary>
    public const string Name = "transfer";

    /// <summary>Bytes of the large cut tensor.</summary>
    public const long LargeBytes = 20_000_000;

    /// <summary>Bytes of the small cut tensor.</summary>
    public const long SmallBytes = 1_000_000;

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public static void Write(string path)
    {
        var graph = new GraphProto { Name = Name };
        graph.Input.Add(Value("x", Float, 1, 20, 250_000));
        graph.Output.Add(Value("y", Float, 1, 1));
        graph.Node.Add(Node("Relu", ["x"], ["a"]));
        graph.Node.Add(Node("ReduceMax", ["a"], ["b"], Ints("axes", 1), Int("keepdims", 0)));
        graph.Node.Add(Node("Relu", ["b"], ["c"]));
        graph.Node.Add(Node("ReduceMean", ["c"], ["y"], Ints("axes", 1), Int("keepdims", 1)));
        var model = new ModelProto { IrVersion = 8, ProducerName = "dynasplit-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        File.WriteAllBytes(path, model.ToByteArray());
    }
}
