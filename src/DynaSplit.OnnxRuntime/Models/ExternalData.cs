using System.Globalization;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Planning;
using Google.Protobuf;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// Tensors whose values live in a side file (<c>data_location = EXTERNAL</c>, with <c>location</c>,
/// <c>offset</c> and <c>length</c> in <c>external_data</c>), as the ONNX IR specification describes. The values are
/// never read into managed memory: loading checks every reference (file, bounds, size), ONNX Runtime maps the
/// files itself, and saving copies the bytes from file to file in blocks.
/// </summary>
internal static class ExternalData
{
    private const int SmallAlignment = 64;

    /// <summary>Tensors of at least this size start at a multiple of <see cref="LargeAlignment"/>, so that ONNX Runtime can map them.</summary>
    private const long LargeThreshold = 1 << 20;

    private const int LargeAlignment = 1 << 16;

    private const int CopyBlock = 1 << 20;

    /// <summary>Where an external tensor's bytes are.</summary>
    public readonly record struct Reference(string Location, long Offset, long Length);

    /// <summary>True when <paramref name="tensor"/> keeps its values in an external file.</summary>
    public static bool IsExternal(TensorProto tensor) =>
        tensor.HasDataLocation && tensor.DataLocation == TensorProto.Types.DataLocation.External;

    /// <summary>
    /// Checks every external tensor of <paramref name="model"/>: a safe location in <paramref name="folder"/>, an
    /// offset and length inside the file, and a length that matches the declared shape. Adds an explicit
    /// <c>length</c> where the file left it out. True when there was an external tensor.
    /// </summary>
    /// <exception cref="InvalidDataException">A reference is unsafe, missing or out of bounds; the message names the model, the tensor and the file.</exception>
    public static bool Validate(ModelProto model, string folder, string modelPath)
    {
        var lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        var any = false;
        foreach (var tensor in OnnxTensors.All(model))
        {
            if (!IsExternal(tensor))
            {
                continue;
            }

            any = true;
            var reference = Parse(tensor, modelPath);
            if (!lengths.TryGetValue(reference.Location, out var fileLength))
            {
                using var stream = ModelFiles.OpenExternal(folder, reference.Location, tensor.Name, modelPath);
                fileLength = stream.Length;
                lengths.Add(reference.Location, fileLength);
            }

            var length = reference.Length;
            if (reference.Offset > fileLength || (length >= 0 && length > fileLength - reference.Offset))
            {
                var end = length >= 0 ? $"{reference.Offset}..{(decimal)reference.Offset + length}" : $"from {reference.Offset}";
                throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' needs bytes {end} of '{reference.Location}', which has {fileLength}; the data file is truncated or belongs to another model.");
            }

            if (length < 0)
            {
                length = fileLength - reference.Offset;
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(CultureInfo.InvariantCulture) });
            }

            var expected = ExpectedBytes(tensor);
            if (expected is { } bytes && bytes != length)
            {
                throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' ({(TensorElementType)tensor.DataType} [{string.Join(",", tensor.Dims)}]) needs {bytes} bytes, but its external data in '{reference.Location}' has length {length}.");
            }
        }

        return any;
    }

    /// <summary>The location, offset and length (-1 when absent) of an external tensor.</summary>
    /// <exception cref="InvalidDataException">A number is not a non-negative integer, or the location is missing.</exception>
    public static Reference Parse(TensorProto tensor, string modelPath)
    {
        string? location = null;
        long offset = 0;
        long length = -1;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location":
                    location = entry.Value;
                    break;
                case "offset":
                    offset = ParseNumber(entry.Value, "offset", tensor, modelPath);
                    break;
                case "length":
                    length = ParseNumber(entry.Value, "length", tensor, modelPath);
                    break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' is marked EXTERNAL but its external_data has no 'location'.");
        }

        return new Reference(location, offset, length);
    }

    /// <summary>
    /// Writes to <paramref name="data"/> the values of every tensor that is external (copied from its file in
    /// <paramref name="sourceFolder"/>) or has at least <paramref name="threshold"/> bytes of raw_data, and points
    /// those tensors at <paramref name="location"/>. Mutates <paramref name="model"/> (pass a clone).
    /// </summary>
    public static void Externalize(ModelProto model, Stream data, string location, int threshold, string? sourceFolder, string modelPath, CancellationToken cancellationToken = default)
    {
        var sources = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        var buffer = new byte[CopyBlock];
        try
        {
            foreach (var tensor in OnnxTensors.All(model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var external = IsExternal(tensor);
                if (!external && (!tensor.HasRawData || tensor.RawData.Length < threshold))
                {
                    continue;
                }

                var reference = external ? Parse(tensor, modelPath) : default;
                var length = external ? reference.Length : tensor.RawData.Length;
                Align(data, length >= LargeThreshold ? LargeAlignment : SmallAlignment);
                var offset = data.Position;
                if (external)
                {
                    if (sourceFolder is null)
                    {
                        throw new InvalidOperationException($"'{modelPath}': tensor '{tensor.Name}' refers to external data, but the model does not know the folder it was loaded from.");
                    }

                    if (!sources.TryGetValue(reference.Location, out var source))
                    {
                        source = ModelFiles.OpenExternal(sourceFolder, reference.Location, tensor.Name, modelPath);
                        sources.Add(reference.Location, source);
                    }

                    if (length < 0)
                    {
                        length = source.Length - reference.Offset;
                    }

                    if (reference.Offset > source.Length || length > source.Length - reference.Offset)
                    {
                        throw new InvalidDataException($"'{modelPath}': the external data file '{reference.Location}' of tensor '{tensor.Name}' is shorter than when the model was loaded ({source.Length} bytes); it changed on disk.");
                    }

                    source.Position = reference.Offset;
                    var left = length;
                    while (left > 0)
                    {
                        var read = source.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
                        if (read == 0)
                        {
                            throw new InvalidDataException($"'{modelPath}': the external data file '{reference.Location}' of tensor '{tensor.Name}' ended early; it changed on disk.");
                        }

                        // Blocks of zeros become holes (weights of a sparse file stay sparse; nothing is lost,
                        // a hole reads as zeros).
                        if (data.CanSeek && buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) < 0)
                        {
                            data.Seek(read, SeekOrigin.Current);
                        }
                        else
                        {
                            data.Write(buffer, 0, read);
                        }

                        left -= read;
                    }
                }
                else
                {
                    tensor.RawData.WriteTo(data);
                    tensor.ClearRawData();
                }

                tensor.ExternalData.Clear();
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(CultureInfo.InvariantCulture) });
                tensor.DataLocation = TensorProto.Types.DataLocation.External;
            }

            if (data.CanSeek && data.Length < data.Position)
            {
                data.SetLength(data.Position);
            }
        }
        finally
        {
            foreach (var source in sources.Values)
            {
                source.Dispose();
            }
        }
    }

    /// <summary>The bytes a tensor's shape and element type call for; null when the element size varies or the size overflows.</summary>
    private static long? ExpectedBytes(TensorProto tensor)
    {
        var size = ((TensorElementType)tensor.DataType).SizeInBytes();
        if (size == 0)
        {
            return null;
        }

        try
        {
            long count = size;
            foreach (var d in tensor.Dims)
            {
                if (d < 0)
                {
                    return null;
                }

                count = checked(count * d);
            }

            return count;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static void Align(Stream data, int alignment)
    {
        var padding = (int)((alignment - (data.Position % alignment)) % alignment);
        if (padding > 0 && data.CanSeek)
        {
            data.Seek(padding, SeekOrigin.Current);
        }
        else if (padding > 0)
        {
            data.Write(new byte[padding]);
        }
    }

    private static long ParseNumber(string text, string key, TensorProto tensor, string modelPath) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' has external_data {key} '{text}', which is not a non-negative integer below 2^63.");
}
