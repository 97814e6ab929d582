namespace DynaSplit.OpenInference.Codecs;

/// <summary>
/// A tensor as it travels in the Open Inference Protocol: its name, the protocol's data type, shape and raw
/// little-endian row-major bytes, and, for an INT8-quantized float tensor, its scale and zero point.
/// </summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Datatype">The protocol's data type ("FP32", "FP16", "INT8", ...).</param>
/// <param name="Shape">The shape.</param>
/// <param name="Data">The raw elements.</param>
public sealed record WireTensor(string Name, string Datatype, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>The quantization scale of an INT8 tensor that stands for floats: value = (q - ZeroPoint) * Scale.</summary>
    public double? Scale { get; init; }

    /// <summary>The quantization zero point of an INT8 tensor that stands for floats.</summary>
    public long? ZeroPoint { get; init; }

    /// <summary>True when the tensor is a quantized float tensor (it carries a scale).</summary>
    public bool IsQuantized => Scale is not null;
}
