using System.Globalization;
using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using DynaSplit.Placements.Model;
using DynaSplit.Planning;

namespace DynaSplit.Placements.Onnx;

/// <summary>
/// Builds the early-exit profile of an ONNX model whose exits are graph outputs, so a user can plan their own network.
/// </summary>
/// <remarks>
/// <para>
/// With the exits ordered by depth (the number of nodes they need), exit <c>j</c>'s own branch is the nodes only it
/// needs; block <c>j</c> of the trunk is the nodes exit <c>j</c> needs that no earlier exit needs, less that branch
/// (the last exit has no separate branch: its head closes the last block). Operations per sample come from the ONNX
/// backend's FLOP estimate over the probed shapes; nodes computed from constants only are folded and count nothing.
/// The cut after block <c>j</c> sends every value available there (graph inputs, outputs of blocks 1..j) that a later
/// block or a later exit's branch reads; its size is the tensors' bytes per sample times 8, or their element count
/// times <see cref="OnnxProfileOptions.BitsPerElement"/> when given (FIN's reference sends 8-bit features).
/// </para>
/// </remarks>
public static class OnnxProfileBuilder
{
    /// <summary>Builds the profile.</summary>
    /// <param name="model">The model, loaded with shape probing (the default) so every cut tensor has a size.</param>
    /// <param name="exits">The exits: graph outputs with their accuracies, in any order.</param>
    /// <param name="options">Name, dimensions and feature precision.</param>
    /// <exception cref="ArgumentException">An exit is not a graph output, two exits are the same, or the exits do not lie on one trunk.</exception>
    /// <exception cref="InvalidDataException">A cut tensor's size is unknown (give the dynamic dimensions).</exception>
    public static OnnxEarlyExitProfile Build(OnnxSplitModel model, IReadOnlyList<OnnxExit> exits, OnnxProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(exits);
        options ??= new OnnxProfileOptions();
        var source = model.Model.Source;
        if (exits.Count == 0)
        {
            throw new ArgumentException($"{source}: give at least one exit (a graph output and its accuracy); the outputs are {string.Join(", ", model.Analysis.Outputs)}.", nameof(exits));
        }

        var analysis = model.Analysis;
        var graph = analysis.Graph;
        var needs = new Dictionary<OnnxExit, HashSet<int>>();
        foreach (var exit in exits)
        {
            if (!analysis.Outputs.Contains(exit.Output))
            {
                throw new ArgumentException($"{source}: exit '{exit.Output}' is not a graph output; the outputs are {string.Join(", ", analysis.Outputs)}.", nameof(exits));
            }

            if (!needs.TryAdd(exit, Ancestors(analysis, exit.Output)))
            {
                throw new ArgumentException($"{source}: exit '{exit.Output}' is given twice.", nameof(exits));
            }
        }

        var ordered = exits.OrderBy(e => needs[e].Count).ToArray();
        var k = ordered.Length;
        var heads = new HashSet<int>[k];
        var blocks = new HashSet<int>[k];
        var earlier = new HashSet<int>();
        for (var j = 0; j < k; j++)
        {
            var own = needs[ordered[j]];
            heads[j] = j == k - 1 ? [] : [.. own.Where(n => !ordered.Skip(j + 1).Any(later => needs[later].Contains(n)))];
            blocks[j] = [.. own.Where(n => !earlier.Contains(n) && !heads[j].Contains(n))];
            for (var later = j + 1; later < k; later++)
            {
                var missing = own.Where(n => !heads[j].Contains(n) && !needs[ordered[later]].Contains(n)).ToArray();
                if (missing.Length > 0)
                {
                    throw new ArgumentException(
                        $"{source}: exits '{ordered[j].Output}' and '{ordered[later].Output}' do not lie on one trunk: the first needs node '{graph.Node[missing[0]].Name}' outside its own branch that the second does not need. A placement plan needs exits along one chain of blocks.",
                        nameof(exits));
                }
            }

            earlier.UnionWith(own);
        }

        var batch = Batch(model, options);
        double Flops(HashSet<int> nodes) => nodes.Where(n => !analysis.IsConstant[n]).Sum(n => FlopEstimator.Estimate(graph.Node[n], model.Types)) / batch;

        // Which block (0-based) or exit branch (k + j) each node belongs to, to find the values crossing each cut.
        var owner = new Dictionary<int, int>();
        for (var j = 0; j < k; j++)
        {
            foreach (var n in blocks[j])
            {
                owner[n] = j;
            }

            foreach (var n in heads[j])
            {
                owner[n] = k + j;
            }
        }

        var cuts = new List<IReadOnlyList<TensorInfo>>();
        var modelBlocks = new List<ModelBlock>();
        for (var j = 0; j < k; j++)
        {
            var crossing = new List<TensorInfo>();
            if (j < k - 1)
            {
                var names = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var (node, part) in owner)
                {
                    // Readers after the cut: later blocks, and later exits' branches (they run where their block runs).
                    var after = part < k ? part > j : part - k > j;
                    if (!after || analysis.IsConstant[node])
                    {
                        continue;
                    }

                    foreach (var value in analysis.Consumes[node])
                    {
                        if (analysis.Inputs.Contains(value)
                            || (analysis.Producer.TryGetValue(value, out var producer) && !analysis.IsConstant[producer] && owner.TryGetValue(producer, out var producerPart) && producerPart < k && producerPart <= j))
                        {
                            names.Add(value);
                        }
                    }
                }

                crossing.AddRange(names.Select(name => model.Types.TryGetValue(name, out var type) ? type : new TensorInfo(name, TensorElementType.Undefined, [])));
            }

            cuts.Add(crossing);
            modelBlocks.Add(new ModelBlock(Flops(blocks[j]), crossing.Sum(t => Bits(t, options, source))));
        }

        var modelExits = ordered.Select((e, j) => new ModelExit(j + 1, e.AccuracyPercent, Flops(heads[j]), e.Output));
        var profile = new EarlyExitProfile(options.Name ?? Path.GetFileNameWithoutExtension(source), modelBlocks, modelExits);
        return new OnnxEarlyExitProfile(
            profile,
            [.. blocks.Select(b => (IReadOnlyList<string>)[.. b.OrderBy(n => analysis.TopologicalRank[n]).Select(n => graph.Node[n].Name)])],
            [.. heads.Select(h => (IReadOnlyList<string>)[.. h.OrderBy(n => analysis.TopologicalRank[n]).Select(n => graph.Node[n].Name)])],
            cuts);
    }

    /// <summary>Every node the value needs, through the producers of the values each node reads.</summary>
    private static HashSet<int> Ancestors(GraphAnalysis analysis, string value)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<string>();
        pending.Push(value);
        while (pending.TryPop(out var name))
        {
            if (analysis.Producer.TryGetValue(name, out var node) && seen.Add(node))
            {
                foreach (var input in analysis.Consumes[node])
                {
                    pending.Push(input);
                }
            }
        }

        return seen;
    }

    private static double Batch(OnnxSplitModel model, OnnxProfileOptions options)
    {
        var inputs = model.Plan.Inputs;
        if (inputs.Count > 0 && inputs[0].Shape.Count > 0 && inputs[0].Shape[0] < 0)
        {
            return Math.Max(1, OnnxInputGenerator.ResolveShape(inputs[0], options.Dimensions)[0]);
        }

        return 1;
    }

    private static double Bits(TensorInfo tensor, OnnxProfileOptions options, string source)
    {
        if (tensor.BytesPerSample is not { } bytes || tensor.ElementType.SizeInBytes() == 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: the size of cut tensor '{tensor.Name}' ({tensor.ElementType}, shape [{string.Join(", ", tensor.Shape)}]) is unknown; load the model with shape probing and give its dynamic dimensions."));
        }

        return options.BitsPerElement is { } bits ? bytes / tensor.ElementType.SizeInBytes() * (double)bits : bytes * 8.0;
    }
}
