using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;

namespace DynaSplit.Tests;

/// <summary>
/// Builds small ONNX graphs for tests with the library's own proto classes: typed values, nodes, attributes,
/// seeded random weights and models. One copy, linked into each test project that needs it
/// (<c>&lt;Compile Include="../Shared/OnnxGraph.cs" Link="Shared/OnnxGraph.cs" /&gt;</c>).
/// </summary>
internal static class OnnxGraph
{
    /// <summary>ONNX element type FLOAT.</summary>
    public const int Float = 1;

    /// <summary>ONNX element type INT32.</summary>
    public const int Int32 = 6;

    /// <summary>ONNX element type INT64.</summary>
    public const int Int64 = 7;

    /// <summary>ONNX element type BOOL.</summary>
    public const int Bool = 9;

    /// <summary>A tensor value of <paramref name="elementType"/>; each dimension is a size or, as a string, a symbolic name.</summary>
    public static ValueInfoProto Value(string name, int elementType, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is string s
                ? new TensorShapeProto.Types.Dimension { DimParam = s }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }

    /// <summary>A node named after its first output.</summary>
    public static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_node" };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        return node;
    }

    /// <summary>An attribute holding a list of integers.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>An attribute holding one integer.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An attribute holding a subgraph.</summary>
    public static AttributeProto Graph(string name, GraphProto graph) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph };

    /// <summary>A float initializer of shape <paramref name="dims"/>, values uniform in [-0.5, 0.5) from <paramref name="seed"/>.</summary>
    public static TensorProto Weights(string name, long[] dims, int seed)
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

    /// <summary>A one-dimensional int64 initializer.</summary>
    public static TensorProto Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        return tensor;
    }

    /// <summary>A model of IR version 8 importing the default domain at <paramref name="opset"/>.</summary>
    public static ModelProto Model(GraphProto graph, string producer, int opset = 17)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model;
    }
}
