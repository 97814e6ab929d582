using System.Globalization;
using System.Text;
using DynaSplit.Planning;

namespace DynaSplit.Serving.Models;

/// <summary>
/// Writes a Triton Inference Server model repository with the same served models as this server: one directory per
/// tail (<c>NAME.k-LAST/1/model.onnx</c>) with its <c>config.pbtxt</c> (platform onnxruntime_onnx, inputs and outputs
/// with data types and dims, max batch size), so the edge's transport works unchanged against Triton or KServe.
/// </summary>
public static class TritonModelRepository
{
    /// <summary>Writes the tails of <paramref name="catalog"/> at <paramref name="cuts"/> (all when null) under <paramref name="directory"/>.</summary>
    /// <param name="catalog">The served models.</param>
    /// <param name="directory">The repository's root (created if missing).</param>
    /// <param name="cuts">The cut points to export, or null for every served tail.</param>
    /// <param name="maxBatchSize">Triton's max_batch_size: 0 keeps the full shapes; more drops the first (batch) dimension, which must then be dynamic.</param>
    /// <returns>The model directories written.</returns>
    /// <exception cref="ArgumentException">A cut is not served, or batching was asked for a tail whose first dimension is fixed.</exception>
    public static IReadOnlyList<string> Write(ServedModelCatalog catalog, string directory, IReadOnlyCollection<int>? cuts = null, int maxBatchSize = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBatchSize);
        var stages = cuts is null
            ? catalog.Stages
            : cuts.Select(c => catalog.Stages.FirstOrDefault(s => s.FromCut == c) ?? throw new ArgumentException($"Cut {c} has no served tail; served cuts are {catalog.Stages[0].FromCut}..{catalog.Stages[^1].FromCut}.", nameof(cuts))).ToList();
        var written = new List<string>(stages.Count);
        foreach (var stage in stages)
        {
            var tail = catalog.Model.Split(stage.FromCut).Tail!;
            var modelDirectory = Path.Combine(directory, stage.Name);
            Directory.CreateDirectory(Path.Combine(modelDirectory, "1"));
            tail.Save(Path.Combine(modelDirectory, "1", "model.onnx"));
            File.WriteAllText(Path.Combine(modelDirectory, "config.pbtxt"), Config(stage, maxBatchSize));
            written.Add(modelDirectory);
        }

        return written;
    }

    /// <summary>The config.pbtxt of one served stage.</summary>
    public static string Config(ServedStage stage, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"name: \"{stage.Name}\"\n");
        text.Append("platform: \"onnxruntime_onnx\"\n");
        text.Append(CultureInfo.InvariantCulture, $"max_batch_size: {maxBatchSize}\n");
        Tensors(text, "input", stage.Inputs, maxBatchSize, stage.Name);
        Tensors(text, "output", stage.Outputs, maxBatchSize, stage.Name);
        return text.ToString();
    }

    private static void Tensors(StringBuilder text, string kind, IReadOnlyList<TensorInfo> tensors, int maxBatchSize, string model)
    {
        text.Append(kind).Append(" [\n");
        for (var i = 0; i < tensors.Count; i++)
        {
            var tensor = tensors[i];
            var dims = tensor.Shape.ToList();
            if (maxBatchSize > 0)
            {
                if (dims.Count == 0 || dims[0] >= 0)
                {
                    throw new ArgumentException($"{model}: {kind} '{tensor.Name}' has shape [{string.Join(",", tensor.Shape)}] with no dynamic batch dimension, so Triton cannot batch it; export with max batch size 0.");
                }

                dims.RemoveAt(0);
            }

            text.Append(CultureInfo.InvariantCulture, $"  {{\n    name: \"{tensor.Name}\"\n    data_type: {DataType(tensor.ElementType)}\n    dims: [ {string.Join(", ", dims)} ]\n  }}{(i < tensors.Count - 1 ? "," : string.Empty)}\n");
        }

        text.Append("]\n");
    }

    private static string DataType(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "TYPE_BOOL",
        TensorElementType.UInt8 => "TYPE_UINT8",
        TensorElementType.UInt16 => "TYPE_UINT16",
        TensorElementType.UInt32 => "TYPE_UINT32",
        TensorElementType.UInt64 => "TYPE_UINT64",
        TensorElementType.Int8 => "TYPE_INT8",
        TensorElementType.Int16 => "TYPE_INT16",
        TensorElementType.Int32 => "TYPE_INT32",
        TensorElementType.Int64 => "TYPE_INT64",
        TensorElementType.Float16 => "TYPE_FP16",
        TensorElementType.Float => "TYPE_FP32",
        TensorElementType.Double => "TYPE_FP64",
        TensorElementType.BFloat16 => "TYPE_BF16",
        TensorElementType.String => "TYPE_STRING",
        _ => throw new NotSupportedException($"Element type {type} has no Triton data type."),
    };
}
