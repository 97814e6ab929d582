using DynaSplit.Planning;

namespace DynaSplit.OpenInference.Tensors;

/// <summary>The Open Inference Protocol's tensor data types ("FP32", "INT64", ...) and the element types they stand for.</summary>
public static class OpenInferenceDataTypes
{
    /// <summary>The protocol's data type of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">The protocol has no data type for it (complex numbers).</exception>
    public static string From(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.String => "BYTES",
        _ => throw new NotSupportedException($"Element type {type} has no Open Inference Protocol data type."),
    };

    /// <summary>The element type of the protocol's data type <paramref name="datatype"/>, or null when it is not one.</summary>
    public static TensorElementType? TryParse(string? datatype) => datatype switch
    {
        "BOOL" => TensorElementType.Bool,
        "UINT8" => TensorElementType.UInt8,
        "UINT16" => TensorElementType.UInt16,
        "UINT32" => TensorElementType.UInt32,
        "UINT64" => TensorElementType.UInt64,
        "INT8" => TensorElementType.Int8,
        "INT16" => TensorElementType.Int16,
        "INT32" => TensorElementType.Int32,
        "INT64" => TensorElementType.Int64,
        "FP16" => TensorElementType.Float16,
        "FP32" => TensorElementType.Float,
        "FP64" => TensorElementType.Double,
        "BF16" => TensorElementType.BFloat16,
        "BYTES" => TensorElementType.String,
        _ => null,
    };

    /// <summary>Every data type the protocol defines, for messages.</summary>
    public static string All => "BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES";
}
