namespace DynaSplit.Planning;

/// <summary>A named tensor's type and shape, as a model declares it.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Shape">The dimensions; -1 where a dimension is dynamic or unknown.</param>
/// <param name="DimensionNames">The symbolic names of dynamic dimensions (for example "N"), null where fixed or unnamed.</param>
public sealed record TensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string?>? DimensionNames = null)
{
    /// <summary>
    /// Bytes of one sample: the product of the known dimensions after the first (the batch dimension) times the
    /// element size; null when a non-batch dimension is unknown or the element size varies.
    /// </summary>
    public long? BytesPerSample
    {
        get
        {
            var size = ElementType.SizeInBytes();
            if (size == 0)
            {
                return null;
            }

            long bytes = size;
            for (var i = Shape.Count > 1 ? 1 : 0; i < Shape.Count; i++)
            {
                if (Shape[i] < 0)
                {
                    return null;
                }

                bytes *= Shape[i];
            }

            return bytes;
        }
    }
}
