using DynaSplit.OnnxRuntime.Extraction;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.OnnxRuntime.Verification;
using Google.Protobuf;
using DynaSplit.Tests;
using Microsoft.ML.OnnxRuntime;
using static DynaSplit.Tests.OnnxGraph;

namespace DynaSplit.Fuzz.Tests;

/// <summary>
/// Structure-aware mutations of a small convolutional model through the generated protobuf classes (dimensions,
/// attributes, node wiring, operator types, element types, initializers, external data references, control flow),
/// each run through planning with the shape probe, splitting, writing and verification. The only acceptable outcomes
/// are success or a documented exception with a message; no crash, no hang, memory within a bound.
/// </summary>
public sealed class ModelFuzzTests
{
    private static readonly Type[] Allowed =
    [
        typeof(InvalidDataException), typeof(ArgumentException), typeof(NotSupportedException),
        typeof(InvalidOperationException), typeof(OnnxRuntimeException), typeof(IOException),
    ];

    private static readonly long[] OddSizes = [0, -1, -7, 1, 2, 3, 1 << 20, int.MaxValue, 1L << 31, 1_000_000_000_000, long.MaxValue];

    [Test]
    public void MutatedModelsAreRefusedOrHandled()
    {
        var temp = Directory.CreateTempSubdirectory("dynasplit-fuzz-").FullName;
        try
        {
            var planned = 0;
            var count = FuzzBudget.Run("model", (iteration, random) =>
            {
                var model = Base();
                var mutations = new List<string>();
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    mutations.Add(Mutate(model, random));
                }

                var folder = Directory.CreateDirectory(Path.Combine(temp, iteration.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
                File.WriteAllBytes(Path.Combine(folder, "weights.bin"), new byte[random.Next(0, 2048)]);
                var path = Path.Combine(folder, "model.onnx");
                File.WriteAllBytes(path, model.ToByteArray());
                var what = string.Join(", ", mutations);
                try
                {
                    var split = OnnxSplitModel.Load(path, new OnnxSplitPlannerOptions { ProbeTimeout = TimeSpan.FromSeconds(2), ProbeMaxMemoryBytes = 512L << 20 });
                    Interlocked.Increment(ref planned);
                    var index = random.Next(split.Plan.SplitPoints.Count);
                    OnnxSplitWriter.Write(split.Split(index), Path.Combine(folder, "out"));
                    OnnxSplitVerifier.Verify(split, new OnnxVerificationOptions { Indices = [index] });
                }
                catch (Exception ex)
                {
                    FuzzBudget.Expect(ex, "model", iteration, what, Allowed);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            });
            TestContext.Out.WriteLine($"model: {planned} of {count} mutated models were planned");
            Assert.That(count, Is.GreaterThan(0));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>x [N,3,16,16] → Conv → Relu → MaxPool → Conv → Add(skip) → GlobalAveragePool → Flatten → Gemm → y [N,10].</summary>
    internal static ModelProto Base()
    {
        var graph = new GraphProto { Name = "small_cnn" };
        graph.Input.Add(Value("x", 1, "N", 3, 16, 16));
        graph.Initializer.Add(Weights("w1", [8, 3, 3, 3], 1));
        graph.Initializer.Add(Weights("w2", [8, 8, 3, 3], 2));
        graph.Initializer.Add(Weights("fc", [10, 8], 3));
        graph.Initializer.Add(Weights("bias", [10], 4));
        graph.Node.Add(Node("Conv", ["x", "w1"], ["c1"], Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)));
        graph.Node.Add(Node("Relu", ["c1"], ["r1"]));
        graph.Node.Add(Node("MaxPool", ["r1"], ["p1"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
        graph.Node.Add(Node("Conv", ["p1", "w2"], ["c2"], Ints("pads", 1, 1, 1, 1), Ints("kernel_shape", 3, 3)));
        graph.Node.Add(Node("Add", ["c2", "p1"], ["s"]));
        graph.Node.Add(Node("GlobalAveragePool", ["s"], ["g"]));
        graph.Node.Add(Node("Flatten", ["g"], ["f"]));
        graph.Node.Add(Node("Gemm", ["f", "fc", "bias"], ["y"], new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));
        graph.Output.Add(Value("y", 1, "N", 10));
        graph.ValueInfo.Add(Value("p1", 1, "N", 8, 8, 8));
        return OnnxGraph.Model(graph, "dynasplit-fuzz");
    }

    private static string Mutate(ModelProto model, Random random)
    {
        try
        {
            return MutateOnce(model, random);
        }
        catch (NothingToPickException)
        {
            // An earlier mutation removed what this one would change (the last node, output or initializer).
            return "no-op";
        }
    }

    private static string MutateOnce(ModelProto model, Random random)
    {
        var graph = model.Graph;
        switch (random.Next(12))
        {
            case 0:
            {
                var info = Pick(random, graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).ToList());
                var dims = info.Type?.TensorType?.Shape?.Dim;
                if (dims is null || dims.Count == 0)
                {
                    return "no-op";
                }

                var size = OddSizes[random.Next(OddSizes.Length)];
                Pick(random, dims).DimValue = size;
                return $"dim of {info.Name} = {size}";
            }

            case 1:
            {
                var node = Pick(random, graph.Node);
                var attribute = node.Attribute.Count > 0 ? Pick(random, node.Attribute) : null;
                if (attribute is null)
                {
                    return "no-op";
                }

                attribute.Ints.Clear();
                for (var i = random.Next(0, 6); i > 0; i--)
                {
                    attribute.Ints.Add(OddSizes[random.Next(OddSizes.Length)]);
                }

                return $"{node.OpType}.{attribute.Name} = [{string.Join(",", attribute.Ints)}]";
            }

            case 2:
            {
                var node = Pick(random, graph.Node);
                if (node.Input.Count == 0)
                {
                    return "no-op";
                }

                var all = graph.Node.SelectMany(n => n.Output).Concat(graph.Input.Select(i => i.Name)).Append("missing").Append(string.Empty).ToList();
                var slot = random.Next(node.Input.Count);
                node.Input[slot] = Pick(random, all);
                return $"{node.OpType} input {slot} = '{node.Input[slot]}' (may form a cycle)";
            }

            case 3:
            {
                var node = Pick(random, graph.Node);
                string[] ops = ["Relu", "Conv", "MatMul", "Reshape", "Concat", "Loop", "If", "Unknown", "Gather", "Split"];
                node.OpType = Pick(random, ops);
                return $"op type = {node.OpType}";
            }

            case 4:
            {
                var info = Pick(random, graph.Input.Concat(graph.Output).ToList());
                if (info.Type?.TensorType is { } tensor)
                {
                    tensor.ElemType = random.Next(-1, 25);
                    return $"elem type of {info.Name} = {tensor.ElemType}";
                }

                return "no-op";
            }

            case 5:
            {
                var tensor = Pick(random, graph.Initializer);
                tensor.Dims.Clear();
                for (var i = random.Next(0, 5); i > 0; i--)
                {
                    tensor.Dims.Add(OddSizes[random.Next(OddSizes.Length)]);
                }

                return $"dims of {tensor.Name} = [{string.Join(",", tensor.Dims)}]";
            }

            case 6:
            {
                var tensor = Pick(random, graph.Initializer);
                tensor.RawData = ByteString.CopyFrom(tensor.RawData.Span[..random.Next(tensor.RawData.Length + 1)]);
                return $"raw data of {tensor.Name} truncated to {tensor.RawData.Length}";
            }

            case 7:
            {
                var tensor = Pick(random, graph.Initializer);
                string[] locations = ["weights.bin", "../weights.bin", "/etc/passwd", "", "sub/weights.bin", "weights.bin/..", ".", "nul\0l", "missing.bin"];
                tensor.ClearRawData();
                tensor.DataLocation = TensorProto.Types.DataLocation.External;
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = Pick(random, locations) });
                if (random.Next(2) == 0)
                {
                    tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = Pick(random, new[] { "0", "64", "-1", "99999999999999999999", "1e3", "4096" }) });
                }

                if (random.Next(2) == 0)
                {
                    tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = Pick(random, new[] { "0", "4", "864", "9223372036854775807", "x" }) });
                }

                return $"{tensor.Name} external {string.Join(" ", tensor.ExternalData.Select(e => $"{e.Key}={e.Value}"))}";
            }

            case 8:
            {
                var trips = new TensorProto { Name = "trips", DataType = 7 };
                trips.Int64Data.Add(OddSizes[random.Next(OddSizes.Length)]);
                var go = new TensorProto { Name = "go", DataType = 9 };
                go.Int32Data.Add(1);
                var body = new GraphProto { Name = "body" };
                body.Input.Add(Value("i", 7));
                body.Input.Add(Value("c", 9));
                body.Input.Add(Value("v", 1, "N", 10));
                body.Node.Add(Node("Identity", ["c"], ["c_out"]));
                body.Node.Add(Node("Neg", ["v"], ["v_out"]));
                body.Output.Add(Value("c_out", 9));
                body.Output.Add(Value("v_out", 1, "N", 10));
                graph.Initializer.Add(trips);
                graph.Initializer.Add(go);
                var last = graph.Node[^1];
                last.Output[0] = "y_pre";
                graph.Node.Add(Node("Loop", ["trips", "go", "y_pre"], ["y"], new AttributeProto { Name = "body", Type = AttributeProto.Types.AttributeType.Graph, G = body }));
                return $"loop of {trips.Int64Data[0]} trips";
            }

            case 9:
            {
                if (random.Next(2) == 0)
                {
                    graph.Output.Add(new ValueInfoProto { Name = Pick(random, new[] { "c1", "nothing", "x", "w1", string.Empty }) });
                }
                else
                {
                    graph.Output.Remove(Pick(random, graph.Output));
                }

                return $"outputs = {string.Join(",", graph.Output.Select(o => o.Name))}";
            }

            case 10:
            {
                var node = Pick(random, graph.Node);
                graph.Node.Remove(node);
                if (random.Next(2) == 0)
                {
                    graph.Node.Insert(random.Next(graph.Node.Count + 1), node);
                    graph.Node.Insert(random.Next(graph.Node.Count + 1), node.Clone());
                    return $"duplicated {node.OpType}";
                }

                return $"removed {node.OpType}";
            }

            default:
            {
                model.OpsetImport[0].Version = random.Next(-2, 40);
                model.IrVersion = random.Next(-1, 20);
                return $"opset {model.OpsetImport[0].Version}, ir {model.IrVersion}";
            }
        }
    }

    private static T Pick<T>(Random random, IList<T> items) => items.Count > 0 ? items[random.Next(items.Count)] : throw new NothingToPickException();

    private sealed class NothingToPickException : Exception;
}
