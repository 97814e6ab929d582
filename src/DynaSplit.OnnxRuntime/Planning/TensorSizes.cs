using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>
/// The one place where tensor element counts and byte sizes are computed from shapes, with checked arithmetic: a
/// model (or a --dim) may declare dimensions whose product overflows 64 bits, and no buffer may be sized from one.
/// </summary>
public static class TensorSizes
{
    /// <summary>The largest buffer one tensor can have in memory here (the largest .NET array of bytes).</summary>
    public static long MaxBufferBytes => Array.MaxLength;

    /// <summary>
    /// The bytes of a dense tensor of <paramref name="shape"/> and <paramref name="elementType"/>; false when a
    /// dimension is negative (unknown), the element size varies, or the product overflows 64 bits.
    /// </summary>
    public static bool TryByteCount(IReadOnlyList<long> shape, TensorElementType elementType, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        bytes = elementType.SizeInBytes();
        if (bytes == 0)
        {
            return false;
        }

        foreach (var d in shape)
        {
            if (d < 0)
            {
                bytes = 0;
                return false;
            }

            if (d != 0 && bytes > long.MaxValue / d)
            {
                bytes = 0;
                return false;
            }

            bytes *= d;
        }

        return true;
    }

    /// <summary>
    /// The bytes of tensor <paramref name="name"/>, checked against <paramref name="limit"/>.
    /// </summary>
    /// <param name="name">The tensor's name, for the message.</param>
    /// <param name="shape">Its concrete shape.</param>
    /// <param name="elementType">Its element type (with a fixed size).</param>
    /// <param name="limit">The most bytes allowed.</param>
    /// <param name="remedy">What the user can do, ending the message (for example "choose smaller --dim values").</param>
    /// <exception cref="ArgumentException">The size overflows or exceeds <paramref name="limit"/>; the message names the tensor, its shape and the limit.</exception>
    public static long ByteCount(string name, IReadOnlyList<long> shape, TensorElementType elementType, long limit, string remedy)
    {
        if (!TryByteCount(shape, elementType, out var bytes))
        {
            throw new ArgumentException($"Tensor '{name}' {elementType} [{string.Join(",", shape)}] has no computable size (a negative dimension, a variable element size, or more than 2^63 bytes); {remedy}.");
        }

        if (bytes > limit)
        {
            throw new ArgumentException($"Tensor '{name}' {elementType} [{string.Join(",", shape)}] needs {bytes:N0} bytes, more than the limit of {limit:N0}; {remedy}.");
        }

        return bytes;
    }
}
