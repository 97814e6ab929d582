using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Extraction;

/// <summary>
/// Cuts a model into head and tail, or out of it the segment between any two split points, with the semantics of
/// onnx.utils.extract_model: each part keeps exactly the
/// nodes it runs, the constant nodes and initializers they read (copied to both parts when both read them), the
/// value infos of its values, the model-local functions its nodes call, every operator set import and the
/// model's metadata.
/// </summary>
internal static class OnnxModelSplitter
{
    public static OnnxSplitParts Split(OnnxSplitModel splitModel, SplitPoint point)
    {
        var analysis = splitModel.Analysis;
        var p = point.Index;
        var k = analysis.Order.Length;
        var cut = analysis.Cuts[p];
        var constantOutputs = ConstantOutputs(analysis);

        OnnxModel? head = null;
        var headRange = NodesBetween(analysis, 0, p);
        var headInputs = analysis.Inputs.Where(headRange.Reads.Contains).ToList();
        var headOutputs = cut.Where(headRange.Produces.Contains).ToList();
        if (p > 0)
        {
            var outputs = headOutputs.ToList();
            if (p == k)
            {
                outputs.AddRange(constantOutputs);
            }

            head = Extract(splitModel, headRange.Nodes, headInputs, outputs, p == k ? constantOutputs : [], "head", $"head at split {p}");
            if (p == k)
            {
                headOutputs = outputs;
            }
        }

        OnnxModel? tail = null;
        var tailRange = NodesBetween(analysis, p, k);
        var tailInputs = cut.Where(tailRange.Reads.Contains).ToList();
        var tailOutputs = new List<string>();
        if (p < k)
        {
            tailOutputs = LastStageOutputs(analysis, tailRange.Produces, constantOutputs);
            tail = Extract(splitModel, tailRange.Nodes, tailInputs, tailOutputs, constantOutputs, "tail", $"tail at split {p}");
        }

        return new OnnxSplitParts(point, head, tail, headInputs, headOutputs, tailInputs, tailOutputs);
    }

    /// <summary>
    /// The part of the model between split points <paramref name="from"/> and <paramref name="to"/>: its nodes, the
    /// tensors crossing cut <paramref name="from"/> that they read, the tensors crossing cut <paramref name="to"/> that
    /// they compute (at the last split index: the model's outputs, constant ones included), and the tensors that cross
    /// both cuts and pass through. The head of split p is the segment 0..p, the tail the segment p..last.
    /// </summary>
    public static OnnxSegment Segment(OnnxSplitModel splitModel, int from, int to)
    {
        var analysis = splitModel.Analysis;
        var k = analysis.Order.Length;
        if (from < 0 || to > k || from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"Segment [{from}..{to}] is not a range of split points of '{splitModel.Model.Source}': it has split points 0 to {k}, and a segment's first cut must not be after its last.");
        }

        var cutInputs = analysis.Cuts[from];
        if (from == to)
        {
            return new OnnxSegment(from, to, null, cutInputs, [], [], cutInputs, cutInputs);
        }

        var range = NodesBetween(analysis, from, to);
        var inputs = cutInputs.Where(range.Reads.Contains).ToList();
        List<string> outputs;
        IReadOnlyList<string> cutOutputs;
        IReadOnlyList<string> constants;
        if (to == k)
        {
            constants = ConstantOutputs(analysis);
            outputs = LastStageOutputs(analysis, range.Produces, constants);
            cutOutputs = analysis.Outputs.Distinct(StringComparer.Ordinal).ToList();
        }
        else
        {
            constants = [];
            outputs = analysis.Cuts[to].Where(range.Produces.Contains).ToList();
            cutOutputs = analysis.Cuts[to];
        }

        var computed = new HashSet<string>(outputs, StringComparer.Ordinal);
        var passThrough = cutOutputs.Where(n => !computed.Contains(n)).ToList();
        var model = Extract(splitModel, range.Nodes, inputs, outputs, constants, $"segment_{from}_{to}", $"segment {from}..{to}");
        return new OnnxSegment(from, to, model, cutInputs, inputs, outputs, cutOutputs, passThrough);
    }

    private static List<string> ConstantOutputs(GraphAnalysis analysis) => analysis.Outputs.Where(analysis.IsConstantValue).ToList();

    /// <summary>The outputs the stage that ends at the last split index computes: the model's outputs it produces and the constant ones.</summary>
    private static List<string> LastStageOutputs(GraphAnalysis analysis, HashSet<string> produces, IReadOnlyList<string> constantOutputs) =>
        analysis.Outputs.Where(o => produces.Contains(o) || constantOutputs.Contains(o)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The nodes at positions from..to-1 of the planner's order, the values they produce and the values they read.</summary>
    private static (int[] Nodes, HashSet<string> Produces, HashSet<string> Reads) NodesBetween(GraphAnalysis analysis, int from, int to)
    {
        var nodes = analysis.Order[from..to];
        var produces = new HashSet<string>(nodes.SelectMany(n => analysis.Graph.Node[n].Output).Where(n => n.Length > 0), StringComparer.Ordinal);
        var reads = new HashSet<string>(nodes.SelectMany(n => analysis.Consumes[n]), StringComparer.Ordinal);
        return (nodes, produces, reads);
    }

    private static OnnxModel Extract(OnnxSplitModel splitModel, int[] nodes, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<string> constantOutputs, string part, string description)
    {
        var analysis = splitModel.Analysis;
        var source = splitModel.Model.Proto;
        var graph = analysis.Graph;
        var (constantNodes, initializers) = analysis.ConstantClosure(nodes, constantOutputs);

        var declared = new Dictionary<string, ValueInfoProto>(StringComparer.Ordinal);
        foreach (var info in graph.ValueInfo.Concat(graph.Output).Concat(graph.Input))
        {
            if (info.Type is not null)
            {
                declared[info.Name] = info;
            }
        }

        var result = new GraphProto
        {
            Name = (graph.HasName ? graph.Name : "graph") + "_" + part,
        };
        if (graph.HasDocString)
        {
            result.DocString = graph.DocString;
        }

        result.MetadataProps.Add(graph.MetadataProps);

        // Nodes: the constants first (in topological order), then the part's nodes in the planner's order.
        // Messages are shared with the source model, not copied: the parts are read-only views.
        var kept = constantNodes.Concat(nodes).ToList();
        foreach (var n in kept)
        {
            result.Node.Add(graph.Node[n]);
        }

        foreach (var initializer in graph.Initializer)
        {
            if (initializers.Contains(initializer.Name))
            {
                result.Initializer.Add(initializer);
            }
        }

        foreach (var sparse in graph.SparseInitializer)
        {
            if (sparse.Values is { } values && initializers.Contains(values.Name))
            {
                result.SparseInitializer.Add(sparse);
            }
        }

        foreach (var name in inputs)
        {
            result.Input.Add(ValueInfoFor(splitModel, declared, name, part, required: true));
        }

        // Initializers the source also lists as inputs (IR < 4: overridable defaults) stay inputs.
        foreach (var input in graph.Input)
        {
            if (initializers.Contains(input.Name))
            {
                result.Input.Add(input);
            }
        }

        foreach (var name in outputs)
        {
            result.Output.Add(ValueInfoFor(splitModel, declared, name, part, required: false));
        }

        var boundary = new HashSet<string>(inputs.Concat(outputs), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in kept)
        {
            used.UnionWith(analysis.Consumes[n]);
            used.UnionWith(graph.Node[n].Output);
        }

        foreach (var info in graph.ValueInfo)
        {
            if (used.Contains(info.Name) && !boundary.Contains(info.Name))
            {
                result.ValueInfo.Add(info);
            }
        }

        foreach (var annotation in graph.QuantizationAnnotation)
        {
            if (used.Contains(annotation.TensorName))
            {
                result.QuantizationAnnotation.Add(annotation);
            }
        }

        var model = new ModelProto { Graph = result };
        if (source.HasIrVersion)
        {
            model.IrVersion = source.IrVersion;
        }

        if (source.HasProducerName)
        {
            model.ProducerName = source.ProducerName;
        }

        if (source.HasProducerVersion)
        {
            model.ProducerVersion = source.ProducerVersion;
        }

        if (source.HasDomain)
        {
            model.Domain = source.Domain;
        }

        if (source.HasModelVersion)
        {
            model.ModelVersion = source.ModelVersion;
        }

        if (source.HasDocString)
        {
            model.DocString = source.DocString;
        }

        model.OpsetImport.Add(source.OpsetImport);
        model.MetadataProps.Add(source.MetadataProps);
        model.Functions.Add(UsedFunctions(source, kept.Select(n => graph.Node[n])));
        return splitModel.Model.Derive(model, $"{splitModel.Model.Source} ({description})");
    }

    private static ValueInfoProto ValueInfoFor(OnnxSplitModel splitModel, Dictionary<string, ValueInfoProto> declared, string name, string part, bool required)
    {
        if (declared.TryGetValue(name, out var info))
        {
            return info;
        }

        if (splitModel.Types.TryGetValue(name, out var type) && type.ElementType != TensorElementType.Undefined)
        {
            return OnnxTypes.ToValueInfo(type, keepDimensions: false);
        }

        if (!required)
        {
            return new ValueInfoProto { Name = name };
        }

        throw new InvalidOperationException($"'{splitModel.Model.Source}': the element type of '{name}', an input of the {part}, is unknown: the file declares no value_info for it and ONNX Runtime could not infer it. Plan with shape probing on (and dimension sizes the model accepts).");
    }

    private static IEnumerable<FunctionProto> UsedFunctions(ModelProto source, IEnumerable<NodeProto> nodes)
    {
        if (source.Functions.Count == 0)
        {
            return [];
        }

        var byKey = source.Functions.ToDictionary(f => (f.Domain, f.Name, f.Overload));
        var used = new List<FunctionProto>();
        var seen = new HashSet<FunctionProto>();
        var stack = new Stack<NodeProto>(nodes);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (byKey.TryGetValue((node.Domain, node.OpType, node.Overload), out var function) && seen.Add(function))
            {
                used.Add(function);
                foreach (var inner in function.Node)
                {
                    stack.Push(inner);
                }
            }

            foreach (var attribute in node.Attribute)
            {
                foreach (var sub in attribute.Graphs.Append(attribute.G).OfType<GraphProto>())
                {
                    foreach (var inner in sub.Node)
                    {
                        stack.Push(inner);
                    }
                }
            }
        }

        // Keep the source's order.
        return source.Functions.Where(seen.Contains);
    }
}
