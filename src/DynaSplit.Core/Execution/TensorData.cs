using System.Runtime.InteropServices;
using DynaSplit.Planning;

namespace DynaSplit.Execution;

/// <summary>
/// A named dense tensor in a contiguous little-endian buffer, the form in which tensors enter and leave an
/// executor and cross the network.
/// </summary>
public sealed class TensorData
{
    /// <summary>Creates a tensor; the buffer's length must match the shape and element type.</summary>
    public TensorData(string name, TensorElementType elementType, IReadOnlyList<long> shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        long elements = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor '{name}': dimension {dimension} is negative; a tensor with data has a concrete shape.", nameof(shape));
            }

            elements = checked(elements * dimension);
        }

        var size = elementType.SizeInBytes();
        if (size == 0)
        {
            throw new NotSupportedException($"Tensor '{name}': element type {elementType} has no fixed size and cannot travel as a dense buffer.");
        }

        if (data.Length != elements * size)
        {
            throw new ArgumentException($"Tensor '{name}': {elementType} [{string.Join(",", shape)}] needs {elements * size} bytes, the buffer has {data.Length}.", nameof(data));
        }

        Name = name;
        ElementType = elementType;
        Shape = shape.ToArray();
        Data = data;
    }

    /// <summary>The tensor's name in the graph.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The concrete shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The elements, little-endian, row-major.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, d) => product * d);

    /// <summary>The size of the element buffer, bytes.</summary>
    public long ByteCount => Data.Length;

    /// <summary>The bytes of all <paramref name="tensors"/> together.</summary>
    public static long TotalBytes(IReadOnlyList<TensorData> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        long bytes = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            bytes += tensors[i].Data.Length;
        }

        return bytes;
    }

    /// <summary>A float tensor from values.</summary>
    public static TensorData FromFloats(string name, IReadOnlyList<long> shape, ReadOnlySpan<float> values) =>
        new(name, TensorElementType.Float, shape, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The elements as floats (the type must be <see cref="TensorElementType.Float"/>).</summary>
    public ReadOnlySpan<float> AsFloats() => ElementType == TensorElementType.Float
        ? MemoryMarshal.Cast<byte, float>(Data.Span)
        : throw new InvalidOperationException($"Tensor '{Name}' holds {ElementType}, not Float.");
}
