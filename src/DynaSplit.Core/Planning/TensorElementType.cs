namespace DynaSplit.Planning;

/// <summary>Tensor element types, numbered as ONNX's <c>TensorProto.DataType</c>.</summary>
public enum TensorElementType
{
    /// <summary>Unknown or not set.</summary>
    Undefined = 0,

    /// <summary>32-bit float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean (one byte).</summary>
    Bool = 9,

    /// <summary>IEEE half precision.</summary>
    Float16 = 10,

    /// <summary>64-bit float.</summary>
    Double = 11,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,

    /// <summary>Complex of two 32-bit floats.</summary>
    Complex64 = 14,

    /// <summary>Complex of two 64-bit floats.</summary>
    Complex128 = 15,

    /// <summary>Brain float 16.</summary>
    BFloat16 = 16,
}
