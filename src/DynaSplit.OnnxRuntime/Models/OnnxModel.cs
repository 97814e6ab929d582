using DynaSplit.IO;
using DynaSplit.OnnxRuntime.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// An ONNX model in memory. Tensors the file keeps in external data files stay there: loading checks every
/// reference (a safe location, bounds, sizes) without reading the values, ONNX Runtime maps the files itself when a
/// session is created with <see cref="CreateSession"/>, and saving copies them block by block.
/// </summary>
public sealed class OnnxModel
{
    private const int MaxNestingDepth = 256;
    private const string ExternalFolderKey = "session.model_external_initializers_file_folder_path";
    private readonly string? _originPath;

    /// <summary>Wraps a model proto; <paramref name="source"/> names it in messages.</summary>
    internal OnnxModel(ModelProto proto, string source, bool usedExternalData = false)
        : this(proto, source, usedExternalData, null, null)
    {
    }

    private OnnxModel(ModelProto proto, string source, bool usedExternalData, string? externalDataFolder, string? originPath)
    {
        _originPath = originPath;
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentException.ThrowIfNullOrEmpty(source);
        Proto = proto;
        Source = source;
        UsedExternalData = usedExternalData;
        ExternalDataFolder = externalDataFolder;
    }

    /// <summary>The model (the ONNX schema's generated classes stay inside DynaSplit's ONNX assemblies).</summary>
    internal ModelProto Proto { get; }

    /// <summary>Where the model came from (its path, or a name).</summary>
    public string Source { get; }

    /// <summary>True when the file stored some tensors in external data files.</summary>
    public bool UsedExternalData { get; }

    /// <summary>
    /// The folder (every link resolved) that the locations of external tensors are relative to; null for a model
    /// built in memory.
    /// </summary>
    public string? ExternalDataFolder { get; }

    /// <summary>
    /// A fingerprint of the model (<c>sha256:</c> and the hex SHA-256 of its serialized protobuf: graph, weights kept in
    /// the file, and the locations of external ones, not their values), so a lookup table made for this model can be told
    /// from one made for another. Computed by streaming the serialization; nothing is buffered.
    /// </summary>
    public string ComputeFingerprint()
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        using (var hashing = new System.Security.Cryptography.CryptoStream(Stream.Null, sha, System.Security.Cryptography.CryptoStreamMode.Write, leaveOpen: true))
        {
            Proto.WriteTo(hashing);
        }

        return "sha256:" + Convert.ToHexStringLower(sha.Hash!);
    }

    /// <summary>
    /// Reads an ONNX file and checks the external data files it refers to (paths relative to the model's folder;
    /// links, hard links, special files and paths leaving the folder are refused). The external values are not read.
    /// </summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The path is a folder or special file, the file is not an ONNX model or is truncated, or an external data reference is unsafe, missing or out of bounds; the message names the file and the tensor.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var proto = Parse(ModelFiles.ReadModel(fullPath), fullPath);
        var folder = ModelFiles.CanonicalFolder(Path.GetDirectoryName(fullPath)!);
        var usedExternal = ExternalData.Validate(proto, folder, fullPath);
        return new OnnxModel(proto, fullPath, usedExternal, folder, fullPath);
    }

    /// <summary>Parses an ONNX model from bytes (external data is not resolved).</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    internal static ModelProto Parse(ReadOnlySpan<byte> bytes, string source)
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
    /// Writes the model to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>): readers see the old
    /// files or the new ones, never a part. When <paramref name="externalData"/> is true, or when the model has
    /// external tensors (they are never inlined), tensors of at least <paramref name="externalThresholdBytes"/>
    /// bytes and every external tensor go to a side file named after the model (<c>head.onnx</c> →
    /// <c>head.onnx.data</c>).
    /// </summary>
    /// <exception cref="IOException">The path is the model's own file or one of its external data files, or writing failed.</exception>
    public void Save(string path, bool externalData = false, int externalThresholdBytes = 1024)
    {
        var pending = Prepare(path, externalData, externalThresholdBytes, CancellationToken.None);
        try
        {
            foreach (var file in pending)
            {
                file.Flush();
            }

            foreach (var file in pending)
            {
                file.Commit();
            }
        }
        finally
        {
            foreach (var file in pending)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>The serialized model, for ONNX Runtime sessions created from memory (external tensors stay references; see <see cref="CreateSession"/>).</summary>
    /// <exception cref="InvalidDataException">The model with its inline tensors reaches the 2 GiB a protocol buffer can hold.</exception>
    public byte[] ToBytes()
    {
        var size = Proto.CalculateSize();
        if (size < 0 || size >= int.MaxValue)
        {
            throw new InvalidDataException($"'{Source}' does not fit in one protocol buffer (2 GiB): keep its large weights in external data files.");
        }

        return Proto.ToByteArray();
    }

    /// <summary>
    /// Creates an ONNX Runtime session for this model from memory, telling ONNX Runtime the folder its external data
    /// files are in (it maps them itself instead of this process copying them).
    /// </summary>
    public InferenceSession CreateSession(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ExternalDataFolder is { } folder && UsedExternalData)
        {
            options.AddSessionConfigEntry(ExternalFolderKey, folder);
        }

        return new InferenceSession(ToBytes(), options);
    }

    /// <summary>A model derived from this one (a part, a probe) whose external tensors still refer to this model's files.</summary>
    internal OnnxModel Derive(ModelProto proto, string source) => new(proto, source, UsedExternalData, ExternalDataFolder, _originPath);

    /// <summary>
    /// Writes the model's files to temporary files beside <paramref name="path"/> and returns them uncommitted (data
    /// file first): the caller commits them, together with other files of the same unit, or disposes them.
    /// </summary>
    internal List<AtomicFile> Prepare(string path, bool externalData, int externalThresholdBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var dataName = Path.GetFileName(fullPath) + ".data";
        var dataPath = Path.Combine(Path.GetDirectoryName(fullPath)!, dataName);
        var external = externalData || HasExternalTensors();
        RefuseOwnFiles(fullPath);
        RefuseOwnFiles(dataPath);
        var pending = new List<AtomicFile>();
        try
        {
            var proto = Proto;
            if (external)
            {
                proto = Proto.Clone();
                var data = AtomicFile.Create(dataPath);
                pending.Add(data);
                ExternalData.Externalize(proto, data.Stream, dataName, externalThresholdBytes, ExternalDataFolder, Source, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var model = AtomicFile.Create(fullPath);
            pending.Add(model);
            proto.WriteTo(model.Stream);
            return pending;
        }
        catch
        {
            foreach (var file in pending)
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>The files this model reads: its own file (when loaded from one) and its external data files.</summary>
    internal IEnumerable<string> SourceFiles()
    {
        if (ExternalDataFolder is not { } folder)
        {
            yield break;
        }

        if (_originPath is { } origin)
        {
            yield return origin;
            yield return Path.Combine(folder, Path.GetFileName(origin));
            var target = new FileInfo(origin).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is not null)
            {
                yield return target;
            }
        }

        foreach (var tensor in OnnxTensors.All(Proto))
        {
            if (ExternalData.IsExternal(tensor))
            {
                foreach (var entry in tensor.ExternalData)
                {
                    if (entry.Key == "location")
                    {
                        yield return Path.GetFullPath(Path.Combine(folder, entry.Value));
                    }
                }
            }
        }
    }

    private bool HasExternalTensors() => UsedExternalData && OnnxTensors.All(Proto).Any(ExternalData.IsExternal);

    /// <summary>Throws when <paramref name="target"/> is a file this model reads.</summary>
    internal void RefuseOwnFiles(string target)
    {
        var canonical = Path.Combine(ModelFiles.CanonicalFolder(Path.GetDirectoryName(target)!), Path.GetFileName(target));
        foreach (var source in SourceFiles())
        {
            if (string.Equals(source, target, StringComparison.Ordinal) || string.Equals(source, canonical, StringComparison.Ordinal))
            {
                throw new IOException($"Refusing to write '{target}': '{Source}' reads that file. Write to another folder.");
            }
        }
    }

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
