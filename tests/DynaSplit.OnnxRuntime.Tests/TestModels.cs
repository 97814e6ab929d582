using DynaSplit.OnnxRuntime.Models;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Tests;
using static DynaSplit.Tests.OnnxGraph;

namespace DynaSplit.OnnxRuntime.Tests;

/// <summary>Small ONNX models built in the tests with the library's own proto classes (primitives: tests/Shared/OnnxGraph.cs).</summary>
internal static class TestModels
{
    public static string ModelsDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Models");

    public static string SqueezeNet => Path.Combine(ModelsDirectory, "squeezenet1_1.onnx");

    public static string PpOcr => Path.Combine(ModelsDirectory, "ch_PP-OCRv4_det_infer.onnx");

    public static ModelProto Model(GraphProto graph, int opset = 17)
    {
        var model = OnnxGraph.Model(graph, "dynasplit-tests", opset);
        model.MetadataProps.Add(new StringStringEntryProto { Key = "purpose", Value = "test" });
        return model;
    }

    /// <summary>x [N,8] → (MatMul, Relu) × layers/2 → y: a chain of <paramref name="layers"/> nodes.</summary>
    public static ModelProto Chain(int layers, bool shuffle = false)
    {
        var graph = new GraphProto { Name = "chain" };
        graph.Input.Add(Value("x", Float, "N", 8));
        var previous = "x";
        for (var i = 0; i < layers; i++)
        {
            var output = i == layers - 1 ? "y" : $"h{i}";
            if (i % 2 == 0)
            {
                graph.Initializer.Add(Weights($"w{i}", [8, 8], i));
                graph.Node.Add(Node("MatMul", [previous, $"w{i}"], [output]));
            }
            else
            {
                graph.Node.Add(Node("Relu", [previous], [output]));
            }

            previous = output;
        }

        graph.Output.Add(Value("y", Float, "N", 8));
        if (shuffle)
        {
            var nodes = graph.Node.ToList();
            nodes.Reverse();
            graph.Node.Clear();
            graph.Node.Add(nodes);
        }

        return Model(graph);
    }

    /// <summary>x → Conv → Relu → Conv → Add(·, x) → Relu: one residual block.</summary>
    public static ModelProto Residual()
    {
        var graph = new GraphProto { Name = "residual" };
        graph.Input.Add(Value("x", Float, "N", 4, 8, 8));
        graph.Initializer.Add(Weights("w1", [4, 4, 3, 3], 1));
        graph.Initializer.Add(Weights("w2", [4, 4, 3, 3], 2));
        graph.Node.Add(Node("Conv", ["x", "w1"], ["a"], Ints("pads", 1, 1, 1, 1)));
        graph.Node.Add(Node("Relu", ["a"], ["b"]));
        graph.Node.Add(Node("Conv", ["b", "w2"], ["c"], Ints("pads", 1, 1, 1, 1)));
        graph.Node.Add(Node("Add", ["c", "x"], ["d"]));
        graph.Node.Add(Node("Relu", ["d"], ["y"]));
        graph.Output.Add(Value("y", Float, "N", 4, 8, 8));
        return Model(graph);
    }

    /// <summary>
    /// Three inputs, two of them integers: token ids (int64) index an embedding, a mask (int32) is cast and
    /// multiplies it, a float scale multiplies the pooled result; outputs a float tensor and an int64 argmax.
    /// </summary>
    public static ModelProto MultiInput()
    {
        var graph = new GraphProto { Name = "multi" };
        graph.Input.Add(Value("ids", OnnxGraph.Int64, "N", 5));
        graph.Input.Add(Value("mask", OnnxGraph.Int32, "N", 5));
        graph.Input.Add(Value("scale", Float, "N", 1));
        graph.Initializer.Add(Weights("embedding", [10, 6], 7));
        graph.Initializer.Add(Int64s("axes2", 2));
        graph.Initializer.Add(Int64s("axes1", 1));
        graph.Node.Add(Node("Gather", ["embedding", "ids"], ["e"]));
        graph.Node.Add(Node("Cast", ["mask"], ["m"], Int("to", Float)));
        graph.Node.Add(Node("Unsqueeze", ["m", "axes2"], ["mu"]));
        graph.Node.Add(Node("Mul", ["e", "mu"], ["masked"]));
        graph.Node.Add(Node("ReduceSum", ["masked", "axes1"], ["pooled"], Int("keepdims", 0)));
        graph.Node.Add(Node("Mul", ["pooled", "scale"], ["features"]));
        graph.Node.Add(Node("ArgMax", ["features"], ["best"], Int("axis", 1), Int("keepdims", 0)));
        graph.Output.Add(Value("features", Float, "N", 6));
        graph.Output.Add(Value("best", OnnxGraph.Int64, "N"));
        return Model(graph);
    }

    /// <summary>
    /// x → a = Relu(x), b = Neg(x); z = If(cond) with branches reading a from the outer scope; y = z + b.
    /// </summary>
    public static ModelProto WithIf()
    {
        var thenBranch = new GraphProto { Name = "then" };
        thenBranch.Initializer.Add(Weights("one", [1], 11));
        thenBranch.Node.Add(Node("Add", ["a", "one"], ["then_out"]));
        thenBranch.Output.Add(Value("then_out", Float, "N", 4));

        var elseBranch = new GraphProto { Name = "else" };
        elseBranch.Node.Add(Node("Mul", ["a", "two"], ["else_out"]));
        elseBranch.Output.Add(Value("else_out", Float, "N", 4));

        var graph = new GraphProto { Name = "with_if" };
        graph.Input.Add(Value("x", Float, "N", 4));
        graph.Input.Add(Value("cond", Bool));
        graph.Initializer.Add(Weights("two", [1], 12));
        graph.Node.Add(Node("Relu", ["x"], ["a"]));
        graph.Node.Add(Node("Neg", ["x"], ["b"]));
        graph.Node.Add(Node("If", ["cond"], ["z"], Graph("then_branch", thenBranch), Graph("else_branch", elseBranch)));
        graph.Node.Add(Node("Add", ["z", "b"], ["y"]));
        graph.Output.Add(Value("y", Float, "N", 4));
        return Model(graph);
    }

    /// <summary>Writes <paramref name="model"/> under a fresh temporary folder and returns its path.</summary>
    public static string Save(ModelProto model, string directory, string name = "model.onnx", bool externalData = false)
    {
        var path = Path.Combine(directory, name);
        new OnnxModel(model, path).Save(path, externalData, externalThresholdBytes: 0);
        return path;
    }
}
