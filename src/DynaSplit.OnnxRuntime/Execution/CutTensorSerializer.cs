using System.Buffers.Binary;
using System.Text;
using DynaSplit.Execution;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// Packs the tensors that cross a cut into one contiguous buffer and back, for sending them to a remote tail.
/// Layout (little-endian): magic "DSCT", version (u16), tensor count (u16); then per tensor: name length (u16),
/// UTF-8 name, element type (i32, ONNX numbering), rank (u8), dimensions (i64 each), data length (i64), data.
/// </summary>
public static class CutTensorSerializer
{
    private const uint Magic = 0x54435344; // "DSCT"
    private const ushort Version = 1;

    /// <summary>The buffer size <see cref="Serialize(IReadOnlyList{TensorData}, Span{byte})"/> needs.</summary>
    public static int GetSerializedSize(IReadOnlyList<TensorData> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        long size = 8;
        foreach (var tensor in tensors)
        {
            size += 2 + Encoding.UTF8.GetByteCount(tensor.Name) + 4 + 1 + (8L * tensor.Shape.Count) + 8 + tensor.Data.Length;
        }

        return checked((int)size);
    }

    /// <summary>Packs <paramref name="tensors"/> into a new buffer.</summary>
    public static byte[] Serialize(IReadOnlyList<TensorData> tensors)
    {
        var buffer = new byte[GetSerializedSize(tensors)];
        Serialize(tensors, buffer);
        return buffer;
    }

    /// <summary>Packs <paramref name="tensors"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Serialize(IReadOnlyList<TensorData> tensors, Span<byte> destination)
    {
        var size = GetSerializedSize(tensors);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the cut tensors need {size}.", nameof(destination));
        }

        if (tensors.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"{tensors.Count} tensors cannot cross one cut; the format carries at most {ushort.MaxValue}.", nameof(tensors));
        }

        var span = destination;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)tensors.Count);
        var offset = 8;
        foreach (var tensor in tensors)
        {
            var nameLength = Encoding.UTF8.GetByteCount(tensor.Name);
            if (nameLength > ushort.MaxValue || tensor.Shape.Count > byte.MaxValue)
            {
                throw new ArgumentException($"Tensor '{tensor.Name}': the name or the rank is too long for the cut format.", nameof(tensors));
            }

            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)nameLength);
            offset += 2;
            offset += Encoding.UTF8.GetBytes(tensor.Name, span[offset..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], (int)tensor.ElementType);
            offset += 4;
            span[offset++] = (byte)tensor.Shape.Count;
            foreach (var d in tensor.Shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[offset..], d);
                offset += 8;
            }

            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], tensor.Data.Length);
            offset += 8;
            tensor.Data.Span.CopyTo(span[offset..]);
            offset += tensor.Data.Length;
        }

        return offset;
    }

    /// <summary>Unpacks a buffer written by <see cref="Serialize(IReadOnlyList{TensorData})"/>; the tensors share its memory.</summary>
    /// <exception cref="InvalidDataException">The buffer is not a cut-tensor buffer, is truncated, or is inconsistent.</exception>
    public static IReadOnlyList<TensorData> Deserialize(ReadOnlyMemory<byte> buffer)
    {
        var span = buffer.Span;
        if (span.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic)
        {
            throw new InvalidDataException("The buffer is not a DynaSplit cut-tensor buffer (bad magic or shorter than its header).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Cut-tensor buffer version {version} is not supported (this library reads version {Version}).");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        var offset = 8;
        var tensors = new List<TensorData>(count);
        for (var i = 0; i < count; i++)
        {
            Need(span, offset, 2, i);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            offset += 2;
            Need(span, offset, nameLength + 5, i);
            var name = Encoding.UTF8.GetString(span.Slice(offset, nameLength));
            offset += nameLength;
            var type = (TensorElementType)BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
            offset += 4;
            var rank = span[offset++];
            Need(span, offset, (rank * 8) + 8, i);
            var shape = new long[rank];
            for (var d = 0; d < rank; d++)
            {
                shape[d] = BinaryPrimitives.ReadInt64LittleEndian(span[offset..]);
                offset += 8;
            }

            var length = BinaryPrimitives.ReadInt64LittleEndian(span[offset..]);
            offset += 8;
            if (length < 0 || length > span.Length - offset)
            {
                throw new InvalidDataException($"Cut-tensor buffer: tensor {i} ('{name}') claims {length} bytes of data, but only {span.Length - offset} remain; the buffer is truncated.");
            }

            try
            {
                tensors.Add(new TensorData(name, type, shape, buffer.Slice(offset, (int)length)));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or OverflowException)
            {
                throw new InvalidDataException($"Cut-tensor buffer: tensor {i} ('{name}') is inconsistent: {ex.Message}", ex);
            }

            offset += (int)length;
        }

        if (offset != span.Length)
        {
            throw new InvalidDataException($"Cut-tensor buffer: {span.Length - offset} bytes follow the last tensor; the buffer is corrupt.");
        }

        return tensors;
    }

    private static void Need(ReadOnlySpan<byte> span, int offset, int bytes, int tensor)
    {
        if (span.Length - offset < bytes)
        {
            throw new InvalidDataException($"Cut-tensor buffer: truncated inside tensor {tensor} (needs {bytes} more bytes at offset {offset}, has {span.Length - offset}).");
        }
    }
}
