using DynaSplit.OnnxRuntime.Onnx;

namespace DynaSplit.OnnxRuntime.Graphs;

/// <summary>
/// The dataflow of a model's main graph: which node produces and consumes which value, a topological order of
/// the nodes that compute something the outputs need, and the cut (the values crossing) at every position of
/// that order. Nodes whose inputs are all constants (initializers, Constant nodes) are not placed in the order:
/// they are copied to whichever part needs them, as onnx.utils.extract_model does.
/// </summary>
internal sealed class GraphAnalysis
{
    private static readonly HashSet<string> NonDeterministicOps = new(StringComparer.Ordinal)
    {
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
    };

    private long _maxCutTensors = long.MaxValue;

    private GraphAnalysis(GraphProto graph)
    {
        Graph = graph;
    }

    /// <summary>The graph analysed.</summary>
    public GraphProto Graph { get; }

    /// <summary>Names of initializers (dense and sparse).</summary>
    public HashSet<string> Initializers { get; } = new(StringComparer.Ordinal);

    /// <summary>Graph inputs that are not initializers, in declaration order.</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>Graph outputs, in declaration order.</summary>
    public List<string> Outputs { get; } = [];

    /// <summary>For every node, the values it reads: its inputs plus the outer-scope names its subgraphs use.</summary>
    public string[][] Consumes { get; private set; } = [];

    /// <summary>The node producing each value.</summary>
    public Dictionary<string, int> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>True for nodes computed from constants only.</summary>
    public bool[] IsConstant { get; private set; } = [];

    /// <summary>The nodes split points move across, in a topological order (indices into the graph's nodes).</summary>
    public int[] Order { get; private set; } = [];

    /// <summary>The rank of every node in a topological order of all nodes (constants included).</summary>
    public int[] TopologicalRank { get; private set; } = [];

    /// <summary>The position of each node in <see cref="Order"/>, -1 for constant or dead nodes.</summary>
    public int[] PositionOf { get; private set; } = [];

    /// <summary>The values crossing the cut at each position 0..Order.Length: graph inputs first, then by production.</summary>
    public string[][] Cuts { get; private set; } = [];

    /// <summary>Analyses <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">The model's name, for messages.</param>
    /// <param name="maxCutTensors">The most entries all cuts may hold together (the table is quadratic in the worst case).</param>
    /// <exception cref="InvalidDataException">A node reads a value nothing defines, the graph has a cycle, or its cuts exceed <paramref name="maxCutTensors"/>.</exception>
    public static GraphAnalysis Analyze(GraphProto graph, string source, long maxCutTensors = long.MaxValue)
    {
        var analysis = new GraphAnalysis(graph) { _maxCutTensors = maxCutTensors };
        analysis.Build(source);
        return analysis;
    }

    /// <summary>True when <paramref name="name"/> is an initializer or a constant node's output.</summary>
    public bool IsConstantValue(string name) =>
        Initializers.Contains(name) || (Producer.TryGetValue(name, out var p) && IsConstant[p]);

    /// <summary>
    /// The constant nodes that the given nodes need (transitively), in graph order, and the initializers the
    /// given nodes and those constant nodes read.
    /// </summary>
    public (List<int> ConstantNodes, HashSet<string> Initializers) ConstantClosure(IEnumerable<int> nodes, IEnumerable<string>? extraNames = null)
    {
        var constantNodes = new HashSet<int>();
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<int>(nodes);
        var seen = new HashSet<int>();
        foreach (var name in extraNames ?? [])
        {
            if (Initializers.Contains(name))
            {
                initializers.Add(name);
            }
            else if (Producer.TryGetValue(name, out var producer) && IsConstant[producer] && constantNodes.Add(producer))
            {
                stack.Push(producer);
            }
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var name in Consumes[node])
            {
                if (Initializers.Contains(name))
                {
                    initializers.Add(name);
                }
                else if (Producer.TryGetValue(name, out var producer) && IsConstant[producer] && constantNodes.Add(producer))
                {
                    stack.Push(producer);
                }
            }
        }

        return (constantNodes.OrderBy(n => TopologicalRank[n]).ToList(), initializers);
    }

    private void Build(string source)
    {
        var nodes = Graph.Node;
        foreach (var initializer in Graph.Initializer)
        {
            Initializers.Add(initializer.Name);
        }

        foreach (var sparse in Graph.SparseInitializer)
        {
            if (sparse.Values is { } values)
            {
                Initializers.Add(values.Name);
            }
        }

        var defined = new HashSet<string>(Initializers, StringComparer.Ordinal);
        foreach (var input in Graph.Input)
        {
            if (!Initializers.Contains(input.Name))
            {
                Inputs.Add(input.Name);
            }

            defined.Add(input.Name);
        }

        Consumes = new string[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Output)
            {
                if (output.Length == 0)
                {
                    continue;
                }

                if (!Producer.TryAdd(output, i) || Initializers.Contains(output) || Inputs.Contains(output))
                {
                    throw new InvalidDataException($"'{source}': value '{output}' is defined twice (node {Describe(i)} and another node, input or initializer); ONNX graphs are in SSA form.");
                }

                defined.Add(output);
            }
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var reads = new List<string>();
            foreach (var input in nodes[i].Input)
            {
                if (input.Length > 0)
                {
                    reads.Add(input);
                }
            }

            foreach (var attribute in nodes[i].Attribute)
            {
                if (attribute.G is { } g)
                {
                    reads.AddRange(OuterScope.References(g));
                }

                foreach (var sub in attribute.Graphs)
                {
                    reads.AddRange(OuterScope.References(sub));
                }
            }

            var distinct = reads.Distinct(StringComparer.Ordinal).ToArray();
            foreach (var name in distinct)
            {
                if (!defined.Contains(name))
                {
                    throw new InvalidDataException($"'{source}': node {Describe(i)} reads '{name}', which no node, graph input or initializer defines.");
                }
            }

            Consumes[i] = distinct;
        }

        foreach (var output in Graph.Output)
        {
            if (!defined.Contains(output.Name))
            {
                throw new InvalidDataException($"'{source}': graph output '{output.Name}' is not computed by any node nor is it an input or initializer.");
            }

            Outputs.Add(output.Name);
        }

        var topo = TopologicalOrder(source);
        TopologicalRank = new int[nodes.Count];
        for (var r = 0; r < topo.Count; r++)
        {
            TopologicalRank[topo[r]] = r;
        }

        MarkConstants(topo);
        var live = LiveNodes();
        Order = topo.Where(n => !IsConstant[n] && live[n]).ToArray();
        if (Order.Length == 0)
        {
            throw new InvalidDataException($"'{source}': no node of the graph computes an output from the inputs (every output is a constant), so there is nothing to split.");
        }

        PositionOf = Enumerable.Repeat(-1, nodes.Count).ToArray();
        for (var p = 0; p < Order.Length; p++)
        {
            PositionOf[Order[p]] = p;
        }

        ComputeCuts(source);
    }

    private List<int> TopologicalOrder(string source)
    {
        var nodes = Graph.Node;
        var pending = new int[nodes.Count];
        var dependents = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var name in Consumes[i])
            {
                if (Producer.TryGetValue(name, out var producer))
                {
                    if (producer == i)
                    {
                        throw new InvalidDataException($"'{source}': node {Describe(i)} reads its own output '{name}'.");
                    }

                    (dependents[producer] ??= []).Add(i);
                    pending[i]++;
                }
            }
        }

        // Kahn's algorithm, always taking the ready node that comes first in the file: a file already in
        // topological order keeps its order.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            if (dependents[node] is { } list)
            {
                foreach (var d in list)
                {
                    if (--pending[d] == 0)
                    {
                        ready.Enqueue(d, d);
                    }
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            var stuck = Enumerable.Range(0, nodes.Count).First(i => pending[i] > 0);
            throw new InvalidDataException($"'{source}': the graph has a cycle through node {Describe(stuck)}; ONNX graphs must be acyclic.");
        }

        return order;
    }

    private void MarkConstants(List<int> topo)
    {
        var nodes = Graph.Node;
        IsConstant = new bool[nodes.Count];
        foreach (var i in topo)
        {
            var node = nodes[i];
            if (NonDeterministicOps.Contains(node.OpType) || node.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0))
            {
                continue;
            }

            var constant = true;
            foreach (var name in Consumes[i])
            {
                if (!Initializers.Contains(name) && !(Producer.TryGetValue(name, out var p) && IsConstant[p]))
                {
                    constant = false;
                    break;
                }
            }

            IsConstant[i] = constant;
        }
    }

    private bool[] LiveNodes()
    {
        var nodes = Graph.Node;
        var live = new bool[nodes.Count];
        var stack = new Stack<int>();
        foreach (var output in Outputs)
        {
            if (Producer.TryGetValue(output, out var p) && !live[p])
            {
                live[p] = true;
                stack.Push(p);
            }
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var name in Consumes[node])
            {
                if (Producer.TryGetValue(name, out var p) && !live[p])
                {
                    live[p] = true;
                    stack.Push(p);
                }
            }
        }

        return live;
    }

    private void ComputeCuts(string source)
    {
        var k = Order.Length;

        // The last position (in Order) where each value is read; graph outputs are read "after" the last node.
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < k; p++)
        {
            foreach (var name in Consumes[Order[p]])
            {
                if (!IsConstantValue(name))
                {
                    lastUse[name] = p;
                }
            }
        }

        foreach (var output in Outputs)
        {
            lastUse[output] = k;
        }

        // Creation rank orders the tensors of a cut: graph inputs first, then by the position that produced them.
        var values = new List<(string Name, int Birth)>();
        foreach (var input in Inputs)
        {
            values.Add((input, -1));
        }

        for (var p = 0; p < k; p++)
        {
            foreach (var output in Graph.Node[Order[p]].Output)
            {
                if (output.Length > 0)
                {
                    values.Add((output, p));
                }
            }
        }

        // Outputs that are constants (initializers, constant nodes) cross no cut: the part that produces the
        // other outputs last (the tail, or the head at the edge-only index) computes them itself.
        // A value born at position b (produced by Order[b], available from cut b + 1) and last read at position u
        // (a consumer at u runs in the tail for cuts p <= u) crosses every cut p with b < p <= u.
        long total = 0;
        foreach (var (name, birth) in values)
        {
            if (lastUse.TryGetValue(name, out var last) && last > birth)
            {
                total += last - birth;
            }
        }

        if (total > _maxCutTensors)
        {
            throw new InvalidDataException($"'{source}': its {k + 1} split points would list {total:N0} cut tensors together, more than the limit of {_maxCutTensors:N0} (many values stay alive across many nodes). Raise OnnxSplitPlannerOptions.MaxCutTensors if the memory for that table is available.");
        }

        var cuts = new List<string>[k + 1];
        for (var p = 0; p <= k; p++)
        {
            cuts[p] = [];
        }

        foreach (var (name, birth) in values)
        {
            if (!lastUse.TryGetValue(name, out var last))
            {
                continue;
            }

            for (var p = birth + 1; p <= last; p++)
            {
                cuts[p].Add(name);
            }
        }

        Cuts = cuts.Select(c => c.ToArray()).ToArray();
    }

    private string Describe(int node)
    {
        var n = Graph.Node[node];
        return $"#{node} '{(n.Name.Length > 0 ? n.Name : "(unnamed)")}' ({n.OpType})";
    }
}
