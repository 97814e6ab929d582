using DynaSplit.OnnxRuntime.Extraction;
using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DynaSplit.OnnxRuntime.Planning;

/// <summary>
/// An ONNX model with its split plan: every split point (index 0 = everything in the cloud, the last index =
/// everything on the edge) and the head and tail models of each.
/// </summary>
public sealed class OnnxSplitModel
{
    private readonly Dictionary<int, OnnxSplitParts> _parts = [];
    private readonly Lock _lock = new();

    private OnnxSplitModel(OnnxModel model, GraphAnalysis analysis, Dictionary<string, TensorInfo> types, SplitPlan plan, IReadOnlyDictionary<string, long> dimensions, string? probeFailure)
    {
        Dimensions = dimensions;
        ProbeFailure = probeFailure;
        Model = model;
        Analysis = analysis;
        Types = types;
        Plan = plan;
    }

    /// <summary>The model.</summary>
    public OnnxModel Model { get; }

    /// <summary>The split plan.</summary>
    public SplitPlan Plan { get; }

    /// <summary>The sizes of the inputs' dynamic dimensions the plan was made for.</summary>
    public IReadOnlyDictionary<string, long> Dimensions { get; }

    /// <summary>
    /// Why the shape probe could not run the model at <see cref="Dimensions"/> (it failed, or a limit stopped it);
    /// null when it ran or probing was off. Verification and profiling refuse to run a model at sizes the probe
    /// could not, because some ONNX Runtime kernels crash the process on shapes they cannot take.
    /// </summary>
    public string? ProbeFailure { get; }

    internal GraphAnalysis Analysis { get; }

    internal IReadOnlyDictionary<string, TensorInfo> Types { get; }

    /// <summary>Loads the model at <paramref name="path"/> and plans its split points.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="options">The planner's options (dimension sizes, probe limits).</param>
    /// <param name="logger">Logs what the shape probe could not do.</param>
    /// <param name="cancellationToken">Stops loading between steps and terminates a running shape probe.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model (the message says why and where).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static OnnxSplitModel Load(string path, OnnxSplitPlannerOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = OnnxModel.Load(path);
        return Create(model, options, logger, cancellationToken);
    }

    /// <summary>Plans the split points of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The planner's options (dimension sizes, probe limits).</param>
    /// <param name="logger">Logs what the shape probe could not do.</param>
    /// <param name="cancellationToken">Stops planning between steps and terminates a running shape probe.</param>
    /// <exception cref="InvalidDataException">The graph is not valid (the message says why and where).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static OnnxSplitModel Create(OnnxModel model, OnnxSplitPlannerOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxSplitPlannerOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        cancellationToken.ThrowIfCancellationRequested();
        var graph = model.Proto.Graph;
        var analysis = GraphAnalysis.Analyze(graph, model.Source, options.MaxCutTensors);
        cancellationToken.ThrowIfCancellationRequested();

        var types = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            types[initializer.Name] = OnnxTypes.FromTensor(initializer);
        }

        foreach (var info in graph.ValueInfo.Concat(graph.Output).Concat(graph.Input))
        {
            if (OnnxTypes.FromValueInfo(info) is { } declared)
            {
                types[info.Name] = declared;
            }
        }

        var inputs = analysis.Inputs.Select(name => types.TryGetValue(name, out var t) ? t : new TensorInfo(name, TensorElementType.Undefined, [])).ToList();
        var dimensions = new Dictionary<string, long>(options.Dimensions, StringComparer.Ordinal);
        OnnxInputGenerator.ValidateDimensions(inputs, dimensions);
        string? probeFailure = null;
        if (options.ProbeShapes)
        {
            var probe = ShapeProbe.Run(model, analysis, inputs, dimensions, options, logger, cancellationToken);
            probeFailure = probe.Failure;
            foreach (var (name, probed) in probe.Types)
            {
                if (analysis.Inputs.Contains(name) || analysis.Initializers.Contains(name))
                {
                    continue;
                }

                var names = probed.DimensionNames;
                if (types.TryGetValue(name, out var declared) && declared.DimensionNames is { } declaredNames && declaredNames.Count == probed.Shape.Count)
                {
                    names = declaredNames;
                }

                types[name] = probed with { DimensionNames = names };
            }
        }

        foreach (var type in types.Values)
        {
            if (type.Shape.All(d => d >= 0) && type.ElementType.SizeInBytes() > 0 && !TensorSizes.TryByteCount(type.Shape, type.ElementType, out _))
            {
                throw new InvalidDataException($"'{model.Source}': tensor '{type.Name}' has the shape [{string.Join(",", type.Shape)}], whose size exceeds 2^63 bytes; the model is not valid.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var outputs = analysis.Outputs.Select(name => types.TryGetValue(name, out var t) ? t : new TensorInfo(name, TensorElementType.Undefined, [])).ToList();
        var plan = new SplitPlan(model.Source, inputs, outputs, BuildSplitPoints(model, analysis, types, inputs, dimensions)) { Fingerprint = model.ComputeFingerprint() };
        return new OnnxSplitModel(model, analysis, types, plan, dimensions, probeFailure);
    }

    /// <summary>The split point at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not between 0 and <see cref="SplitPlan.EdgeOnlyIndex"/>.</exception>
    public SplitPoint GetSplitPoint(int index)
    {
        if (index < 0 || index >= Plan.SplitPoints.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Split index {index} is out of range: '{Model.Source}' has split points 0 (all in the cloud) to {Plan.EdgeOnlyIndex} (all on the edge).");
        }

        return Plan.SplitPoints[index];
    }

    /// <summary>
    /// The head and tail models at <paramref name="index"/>, extracted with the semantics of onnx.utils.extract_model
    /// (each keeps exactly the nodes, initializers, constants, value infos and functions it needs). Cached.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public OnnxSplitParts Split(int index)
    {
        var point = GetSplitPoint(index);
        lock (_lock)
        {
            if (!_parts.TryGetValue(index, out var parts))
            {
                parts = OnnxModelSplitter.Split(this, point);
                _parts[index] = parts;
            }

            return parts;
        }
    }

    /// <summary>
    /// The part of the model between split points <paramref name="fromCut"/> and <paramref name="toCut"/>
    /// (<c>fromCut &lt;= toCut</c>): the stage of a placement that covers those split points, as a standalone model with
    /// the tensors it reads from its first cut, computes for its last cut, and passes through from one to the other.
    /// Split p's head is the segment 0..p and its tail the segment p..<see cref="SplitPlan.EdgeOnlyIndex"/>. Not cached:
    /// a model has a quadratic number of segments; the stage runner keeps the ones it uses.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A cut is out of range, or <paramref name="fromCut"/> is after <paramref name="toCut"/>.</exception>
    public OnnxSegment Segment(int fromCut, int toCut) => OnnxModelSplitter.Segment(this, fromCut, toCut);

    /// <summary>
    /// Throws when the shape probe could not run the model at <paramref name="dimensions"/>: running it again (to
    /// verify or profile) could crash the process in a native kernel instead of failing.
    /// </summary>
    /// <exception cref="InvalidDataException">The probe failed at these sizes; the message says why and what to do.</exception>
    internal void EnsureRunnableAt(IReadOnlyDictionary<string, long> dimensions, string purpose)
    {
        if (ProbeFailure is null || dimensions.Count != Dimensions.Count || dimensions.Any(d => !Dimensions.TryGetValue(d.Key, out var v) || v != d.Value))
        {
            return;
        }

        var sizes = Dimensions.Count == 0 ? "the default input sizes" : "input sizes " + string.Join(", ", Dimensions.Select(d => $"{d.Key}={d.Value}"));
        throw new InvalidDataException($"Not running '{Model.Source}' to {purpose}: it could not be run at {sizes} when its shapes were learned ({ProbeFailure}). Some ONNX Runtime kernels crash the process on shapes they cannot take, so it is not tried again; give the dynamic dimensions sizes the model accepts (--dim).");
    }

    private static TensorInfo CutTensor(string name, Dictionary<string, TensorInfo> types, GraphAnalysis analysis, Dictionary<string, long> dimensions)
    {
        if (!types.TryGetValue(name, out var type))
        {
            return new TensorInfo(name, TensorElementType.Undefined, []);
        }

        // A graph input crossing the cut has the probe's sizes (the batch dimension stays dynamic).
        if (analysis.Inputs.Contains(name))
        {
            var shape = OnnxInputGenerator.ResolveShape(type, dimensions);
            if (shape.Length > 0 && type.Shape.Count > 0 && type.Shape[0] < 0)
            {
                shape[0] = -1;
            }

            return type with { Shape = shape };
        }

        return type;
    }

    private static List<SplitPoint> BuildSplitPoints(OnnxModel model, GraphAnalysis analysis, Dictionary<string, TensorInfo> types, List<TensorInfo> inputs, Dictionary<string, long> dimensions)
    {
        var graph = model.Proto.Graph;
        var order = analysis.Order;
        var k = order.Length;

        // Work per sample: the probe ran with the batch dimension (a dynamic first dimension) at its probe size.
        double batch = 1;
        if (inputs.Count > 0 && inputs[0].Shape.Count > 0 && inputs[0].Shape[0] < 0)
        {
            batch = Math.Max(1, OnnxInputGenerator.ResolveShape(inputs[0], dimensions)[0]);
        }

        var flopsPrefix = new double[k + 1];
        for (var p = 0; p < k; p++)
        {
            flopsPrefix[p + 1] = flopsPrefix[p] + (FlopEstimator.Estimate(graph.Node[order[p]], types) / batch);
        }

        // Parameters: every initializer and Constant tensor a node needs (directly or through constant nodes) is
        // held by the head when its first user is in the head, and by the tail when its last user is in the tail.
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            sizes[initializer.Name] = OnnxTensors.ByteSize(initializer);
        }

        foreach (var sparse in graph.SparseInitializer)
        {
            if (sparse.Values is { } values)
            {
                sizes[values.Name] = OnnxTensors.ByteSize(values) + (sparse.Indices is { } indices ? OnnxTensors.ByteSize(indices) : 0);
            }
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var ownBytes = new long[k];
        for (var p = 0; p < k; p++)
        {
            var node = graph.Node[order[p]];
            var (constantNodes, initializers) = analysis.ConstantClosure([order[p]]);
            foreach (var name in initializers)
            {
                first.TryAdd(name, p);
                last[name] = p;
            }

            foreach (var constantNode in constantNodes)
            {
                var key = "\0node:" + constantNode;
                if (!sizes.ContainsKey(key))
                {
                    var tensors = new List<Onnx.TensorProto>();
                    foreach (var attribute in graph.Node[constantNode].Attribute)
                    {
                        if (attribute.T is { } t)
                        {
                            tensors.Add(t);
                        }
                    }

                    sizes[key] = tensors.Sum(OnnxTensors.ByteSize);
                }

                first.TryAdd(key, p);
                last[key] = p;
            }

            foreach (var attribute in node.Attribute)
            {
                var tensors = new List<Onnx.TensorProto>();
                if (attribute.G is { } g)
                {
                    OnnxTensors.Collect(g, tensors);
                }

                foreach (var sub in attribute.Graphs)
                {
                    OnnxTensors.Collect(sub, tensors);
                }

                ownBytes[p] += tensors.Sum(OnnxTensors.ByteSize);
            }
        }

        // headStart[p]: bytes whose first user is at a position < p; tailEnd[p]: bytes whose last user is at >= p.
        var firstAt = new long[k + 1];
        var lastAt = new long[k + 1];
        foreach (var (name, p) in first)
        {
            firstAt[p] += sizes.GetValueOrDefault(name);
            lastAt[last[name]] += sizes.GetValueOrDefault(name);
        }

        var points = new List<SplitPoint>(k + 1);
        long head = 0;
        var tailSuffix = new long[k + 2];
        for (var p = k - 1; p >= 0; p--)
        {
            tailSuffix[p] = tailSuffix[p + 1] + lastAt[p] + ownBytes[p];
        }

        for (var p = 0; p <= k; p++)
        {
            if (p > 0)
            {
                head += firstAt[p - 1] + ownBytes[p - 1];
            }

            var tensors = analysis.Cuts[p].Select(name => CutTensor(name, types, analysis, dimensions)).ToArray();
            var lastNode = p > 0 ? graph.Node[order[p - 1]] : null;
            points.Add(new SplitPoint
            {
                Index = p,
                Tensors = tensors,
                HeadFlops = flopsPrefix[p],
                TailFlops = flopsPrefix[k] - flopsPrefix[p],
                HeadParameterBytes = head,
                TailParameterBytes = tailSuffix[p],
                LastHeadNode = lastNode is null ? null : (lastNode.Name.Length > 0 ? lastNode.Name : $"{lastNode.OpType}#{order[p - 1]}"),
            });
        }

        return points;
    }
}
