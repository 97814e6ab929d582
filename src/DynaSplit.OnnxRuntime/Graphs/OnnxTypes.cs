using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Graphs;

/// <summary>Conversions between ONNX type protos and the core's <see cref="TensorInfo"/>.</summary>
internal static class OnnxTypes
{
    /// <summary>The declared tensor type of a value, or null when it is not a tensor or has no type.</summary>
    public static TensorInfo? FromValueInfo(ValueInfoProto info)
    {
        if (info.Type?.TensorType is not { } tensor)
        {
            return null;
        }

        var shape = new List<long>();
        var names = new List<string?>();
        var hasNames = false;
        if (tensor.Shape is { } s)
        {
            foreach (var dim in s.Dim)
            {
                if (dim.HasDimValue && dim.DimValue >= 0)
                {
                    shape.Add(dim.DimValue);
                    names.Add(null);
                }
                else
                {
                    shape.Add(-1);
                    names.Add(dim.HasDimParam && dim.DimParam.Length > 0 ? dim.DimParam : null);
                    hasNames |= dim.HasDimParam && dim.DimParam.Length > 0;
                }
            }
        }

        return new TensorInfo(info.Name, (TensorElementType)tensor.ElemType, shape, hasNames ? names : null);
    }

    /// <summary>The type of an initializer.</summary>
    public static TensorInfo FromTensor(TensorProto tensor) =>
        new(tensor.Name, (TensorElementType)tensor.DataType, tensor.Dims.ToArray());

    /// <summary>A value info for a tensor: element type and rank, with every dimension left symbolic-unknown except those declared.</summary>
    public static ValueInfoProto ToValueInfo(TensorInfo info, bool keepDimensions)
    {
        var shape = new TensorShapeProto();
        for (var i = 0; i < info.Shape.Count; i++)
        {
            var dim = new TensorShapeProto.Types.Dimension();
            var name = info.DimensionNames is { } names && i < names.Count ? names[i] : null;
            if (name is not null)
            {
                dim.DimParam = name;
            }
            else if (keepDimensions && info.Shape[i] >= 0)
            {
                dim.DimValue = info.Shape[i];
            }

            shape.Dim.Add(dim);
        }

        return new ValueInfoProto
        {
            Name = info.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)info.ElementType, Shape = shape } },
        };
    }
}
