using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// An ONNX model in memory, with every tensor's values resident: tensors that the file kept in external data
/// files are read into <c>raw_data</c> on load, and written back to a side file on save when asked.
/// </summary>
public sealed class OnnxModel
{
    private const int MaxNestingDepth = 256;

    /// <summary>Wraps a model proto; <paramref name="source"/> names it in messages.</summary>
    public OnnxModel(ModelProto proto, string source, bool usedExternalData = false)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentException.ThrowIfNullOrEmpty(source);
        Proto = proto;
        Source = source;
        UsedExternalData = usedExternalData;
    }

    /// <summary>The model.</summary>
    public ModelProto Proto { get; }

    /// <summary>Where the model came from (its path, or a name).</summary>
    public string Source { get; }

    /// <summary>True when the file stored some tensors in external data files.</summary>
    public bool UsedExternalData { get; }

    /// <summary>
    /// Reads an ONNX file and the external data files it refers to (paths relative to the model's folder).
    /// </summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, is truncated, or an external data file is missing or too short; the message names the file and the tensor.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model '{fullPath}' does not exist; check the path.", fullPath);
        }

        var proto = Parse(File.ReadAllBytes(fullPath), fullPath);
        var usedExternal = ExternalData.Resolve(proto, Path.GetDirectoryName(fullPath)!, fullPath);
        return new OnnxModel(proto, fullPath, usedExternal);
    }

    /// <summary>Parses an ONNX model from bytes (external data is not resolved).</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static ModelProto Parse(ReadOnlySpan<byte> bytes, string source)
    {
        ModelProto proto;
        try
        {
            var parser = new MessageParser<ModelProto>(() => new ModelProto());
            proto = parser.WithDiscardUnknownFields(false).ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model (it does not decode as onnx.ModelProto: {ex.Message}); the file may be truncated or of another format.", ex);
        }

        if (proto.Graph is null || !proto.HasIrVersion)
        {
            throw new InvalidDataException($"'{source}' is not an ONNX model: it has no {(proto.Graph is null ? "graph" : "IR version")}. Export the model to ONNX again.");
        }

        if (proto.Graph.Output.Count == 0)
        {
            throw new InvalidDataException($"'{source}': the ONNX graph '{proto.Graph.Name}' declares no outputs, so there is nothing to compute.");
        }

        CheckDepth(proto.Graph, source, 0);
        return proto;
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically (temporary files, then moves). When
    /// <paramref name="externalData"/> is true, tensors of at least <paramref name="externalThresholdBytes"/> bytes go
    /// to a side file named after the model (<c>head.onnx</c> → <c>head.onnx.data</c>).
    /// </summary>
    public void Save(string path, bool externalData = false, int externalThresholdBytes = 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var dataName = Path.GetFileName(fullPath) + ".data";
        var dataPath = Path.Combine(directory, dataName);
        var tempModel = fullPath + $".{Environment.ProcessId}.tmp";
        var tempData = dataPath + $".{Environment.ProcessId}.tmp";
        try
        {
            var proto = Proto;
            if (externalData)
            {
                proto = Proto.Clone();
                using (var data = new FileStream(tempData, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    ExternalData.Externalize(proto, data, dataName, externalThresholdBytes);
                }
            }

            using (var stream = new FileStream(tempModel, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                proto.WriteTo(stream);
            }

            if (externalData)
            {
                File.Move(tempData, dataPath, overwrite: true);
            }

            File.Move(tempModel, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(tempModel);
            File.Delete(tempData);
        }
    }

    /// <summary>The serialized model (every tensor inline), for ONNX Runtime sessions created from memory.</summary>
    public byte[] ToBytes() => Proto.ToByteArray();

    private static void CheckDepth(GraphProto graph, string source, int depth)
    {
        if (depth > MaxNestingDepth)
        {
            throw new InvalidDataException($"'{source}': subgraphs are nested more than {MaxNestingDepth} deep.");
        }

        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } g)
                {
                    CheckDepth(g, source, depth + 1);
                }

                foreach (var sub in attribute.Graphs)
                {
                    CheckDepth(sub, source, depth + 1);
                }
            }
        }
    }
}
