using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Planning;

namespace DynaSplit.Serving.Models;

/// <summary>
/// The served models of one ONNX model: one per cut point k, the tail from k to the model's last cut
/// (<c>model.k-last</c>), plus the whole model under its own name. One served model per cut (rather than one model
/// with the cut as a request parameter) gives each fixed inputs and outputs that ModelMetadata can describe and that
/// Triton's config.pbtxt needs, so the same names work on Triton or KServe.
/// </summary>
public sealed class ServedModelCatalog
{
    private readonly Dictionary<string, ServedStage> _stages;

    /// <summary>Builds the catalog of <paramref name="model"/> served as <paramref name="name"/>.</summary>
    public ServedModelCatalog(OnnxSplitModel model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Model = model;
        Name = name;
        LastCut = model.Plan.EdgeOnlyIndex;
        _stages = new Dictionary<string, ServedStage>(StringComparer.Ordinal);
        var outputs = model.Plan.Outputs;
        var list = new List<ServedStage>();
        for (var cut = 0; cut < LastCut; cut++)
        {
            var parts = model.Split(cut);
            if (parts.Tail is null || parts.TailOutputs.Count != outputs.Count)
            {
                // A tail that does not compute every output (some come straight from the head or the inputs) is not
                // served: the edge would have to merge outputs from two places.
                continue;
            }

            var point = model.GetSplitPoint(cut);
            var types = point.Tensors.Concat(model.Plan.Inputs).GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var inputs = parts.TailInputs.Select(n => types.TryGetValue(n, out var t) ? t : new TensorInfo(n, TensorElementType.Undefined, [])).ToArray();
            var stage = new ServedStage(StageModelNames.For(name, cut, LastCut), cut, LastCut, inputs, outputs);
            list.Add(stage);
            _stages[stage.Name] = stage;
        }

        if (_stages.TryGetValue(StageModelNames.For(name, 0, LastCut), out var whole))
        {
            _stages[name] = whole with { Name = name };
        }

        Stages = list;
    }

    /// <summary>The model.</summary>
    public OnnxSplitModel Model { get; }

    /// <summary>The model's served name.</summary>
    public string Name { get; }

    /// <summary>The model's last cut index.</summary>
    public int LastCut { get; }

    /// <summary>The served stages, by cut (the whole model's alias not repeated).</summary>
    public IReadOnlyList<ServedStage> Stages { get; }

    /// <summary>The served model named <paramref name="name"/>, if any.</summary>
    public bool TryGet(string name, out ServedStage stage) => _stages.TryGetValue(name, out stage!);

    /// <summary>A few served names, for messages.</summary>
    public string Describe() => Stages.Count == 0
        ? "none"
        : $"{Name} and {Stages[0].Name} .. {Stages[^1].Name}";
}
