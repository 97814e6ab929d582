using System.Globalization;
using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// Tensors whose values live in a side file (<c>data_location = EXTERNAL</c>, with <c>location</c>,
/// <c>offset</c> and <c>length</c> in <c>external_data</c>), as the ONNX IR specification describes.
/// </summary>
internal static class ExternalData
{
    private const int Alignment = 64;

    /// <summary>Reads every external tensor of <paramref name="model"/> into raw_data; true when there was one.</summary>
    public static bool Resolve(ModelProto model, string baseDirectory, string modelPath)
    {
        var streams = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        var any = false;
        try
        {
            foreach (var tensor in OnnxTensors.All(model))
            {
                if (!tensor.HasDataLocation || tensor.DataLocation != TensorProto.Types.DataLocation.External)
                {
                    continue;
                }

                any = true;
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

                var file = ResolveLocation(baseDirectory, location, tensor, modelPath);
                if (!streams.TryGetValue(file, out var stream))
                {
                    if (!File.Exists(file))
                    {
                        throw new InvalidDataException($"'{modelPath}': the external data file '{file}' of tensor '{tensor.Name}' does not exist; copy it next to the model.");
                    }

                    stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
                    streams.Add(file, stream);
                }

                if (length < 0)
                {
                    length = stream.Length - offset;
                }

                if (offset < 0 || offset + length > stream.Length || length > int.MaxValue)
                {
                    throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' needs bytes {offset}..{offset + length} of '{file}', which has {stream.Length}; the data file is truncated or belongs to another model.");
                }

                var bytes = new byte[length];
                stream.Position = offset;
                stream.ReadExactly(bytes);
                tensor.RawData = ByteString.CopyFrom(bytes);
                tensor.ExternalData.Clear();
                tensor.ClearDataLocation();
            }
        }
        finally
        {
            foreach (var stream in streams.Values)
            {
                stream.Dispose();
            }
        }

        return any;
    }

    /// <summary>Moves raw_data of tensors of at least <paramref name="threshold"/> bytes to <paramref name="data"/>.</summary>
    public static void Externalize(ModelProto model, Stream data, string location, int threshold)
    {
        foreach (var tensor in OnnxTensors.All(model))
        {
            if (!tensor.HasRawData || tensor.RawData.Length < threshold)
            {
                continue;
            }

            var padding = (int)((Alignment - (data.Position % Alignment)) % Alignment);
            for (var i = 0; i < padding; i++)
            {
                data.WriteByte(0);
            }

            var offset = data.Position;
            tensor.RawData.WriteTo(data);
            tensor.ExternalData.Clear();
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(CultureInfo.InvariantCulture) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.RawData.Length.ToString(CultureInfo.InvariantCulture) });
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ClearRawData();
        }
    }

    private static string ResolveLocation(string baseDirectory, string location, TensorProto tensor, string modelPath)
    {
        if (Path.IsPathRooted(location))
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' points to the absolute path '{location}'; external data locations must be relative to the model's folder.");
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, location));
        var root = Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' points to '{location}', outside the model's folder; external data must sit beside the model.");
        }

        return full;
    }

    private static long ParseNumber(string text, string key, TensorProto tensor, string modelPath) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{modelPath}': tensor '{tensor.Name}' has external_data {key} '{text}', which is not a non-negative integer.");
}
