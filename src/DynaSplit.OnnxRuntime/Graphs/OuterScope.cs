using DynaSplit.OnnxRuntime.Onnx;

namespace DynaSplit.OnnxRuntime.Graphs;

/// <summary>The names a subgraph (an If branch, a Loop or Scan body) reads from the scopes around it.</summary>
internal static class OuterScope
{
    /// <summary>
    /// Names that nodes of <paramref name="graph"/> (and of its own subgraphs) read, and outputs it returns,
    /// that the graph itself does not define (as an input, initializer or node output).
    /// </summary>
    public static IReadOnlyCollection<string> References(GraphProto graph)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
        {
            defined.Add(input.Name);
        }

        foreach (var initializer in graph.Initializer)
        {
            defined.Add(initializer.Name);
        }

        foreach (var sparse in graph.SparseInitializer)
        {
            if (sparse.Values is { } values)
            {
                defined.Add(values.Name);
            }
        }

        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                defined.Add(output);
            }
        }

        var references = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Use(string name)
        {
            if (name.Length > 0 && !defined.Contains(name) && seen.Add(name))
            {
                references.Add(name);
            }
        }

        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                Use(input);
            }

            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } g)
                {
                    foreach (var name in References(g))
                    {
                        Use(name);
                    }
                }

                foreach (var sub in attribute.Graphs)
                {
                    foreach (var name in References(sub))
                    {
                        Use(name);
                    }
                }
            }
        }

        foreach (var output in graph.Output)
        {
            Use(output.Name);
        }

        return references;
    }
}
