namespace DynaSplit.Planning;

/// <summary>Sizes of tensor element types.</summary>
public static class TensorElementTypeExtensions
{
    /// <summary>Bytes per element, or 0 when the size varies (strings) or is unknown.</summary>
    public static int SizeInBytes(this TensorElementType type) => type switch
    {
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Double or TensorElementType.Complex64 => 8,
        TensorElementType.Complex128 => 16,
        _ => 0,
    };
}
