using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>Walks every tensor proto a model holds: initializers, constant attributes, subgraphs, functions.</summary>
internal static class OnnxTensors
{
    /// <summary>Every tensor of the model, depth first.</summary>
    public static IEnumerable<TensorProto> All(ModelProto model)
    {
        var result = new List<TensorProto>();
        if (model.Graph is { } graph)
        {
            Collect(graph, result);
        }

        foreach (var function in model.Functions)
        {
            CollectNodes(function.Node, result);
        }

        foreach (var training in model.TrainingInfo)
        {
            if (training.Initialization is { } init)
            {
                Collect(init, result);
            }

            if (training.Algorithm is { } algorithm)
            {
                Collect(algorithm, result);
            }
        }

        return result;
    }

    /// <summary>Every tensor of a graph and its subgraphs.</summary>
    public static void Collect(GraphProto graph, List<TensorProto> result)
    {
        result.AddRange(graph.Initializer);
        foreach (var sparse in graph.SparseInitializer)
        {
            AddSparse(sparse, result);
        }

        CollectNodes(graph.Node, result);
    }

    /// <summary>The byte size of a tensor's values (raw, typed or external), 0 when unknown.</summary>
    public static long ByteSize(TensorProto tensor)
    {
        if (tensor.HasRawData)
        {
            return tensor.RawData.Length;
        }

        foreach (var entry in tensor.ExternalData)
        {
            if (entry.Key == "length" && long.TryParse(entry.Value, out var length))
            {
                return length;
            }
        }

        long elements = 1;
        foreach (var d in tensor.Dims)
        {
            elements *= d;
        }

        var size = ((TensorElementType)tensor.DataType).SizeInBytes();
        if (size > 0)
        {
            return elements * size;
        }

        long strings = 0;
        foreach (var s in tensor.StringData)
        {
            strings += s.Length;
        }

        return strings;
    }

    private static void CollectNodes(IEnumerable<NodeProto> nodes, List<TensorProto> result)
    {
        foreach (var node in nodes)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.T is { } t)
                {
                    result.Add(t);
                }

                result.AddRange(attribute.Tensors);
                if (attribute.SparseTensor is { } sparse)
                {
                    AddSparse(sparse, result);
                }

                foreach (var s in attribute.SparseTensors)
                {
                    AddSparse(s, result);
                }

                if (attribute.G is { } g)
                {
                    Collect(g, result);
                }

                foreach (var sub in attribute.Graphs)
                {
                    Collect(sub, result);
                }
            }
        }
    }

    private static void AddSparse(SparseTensorProto sparse, List<TensorProto> result)
    {
        if (sparse.Values is { } values)
        {
            result.Add(values);
        }

        if (sparse.Indices is { } indices)
        {
            result.Add(indices);
        }
    }
}
