using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Graphs;

/// <summary>
/// A floating-point-operation estimate per node from its input and output shapes. A multiply-accumulate counts
/// as two operations (Conv, ConvTranspose, Gemm, MatMul); pooling counts one per window element; elementwise
/// operators and activations one per output element; normalizations a few per element; shape, indexing and
/// data-movement operators nothing. Unknown dimensions count as 1.
/// </summary>
internal static class FlopEstimator
{
    private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu",
        "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Clip", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs",
        "Erf", "Gelu", "Softplus", "Softsign", "Mish", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign", "Where",
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Not", "Mod", "ThresholdedRelu",
        "Celu", "QuickGelu", "BiasGelu", "FastGelu",
    };

    /// <summary>The estimated operations of <paramref name="node"/>.</summary>
    public static double Estimate(NodeProto node, IReadOnlyDictionary<string, TensorInfo> types)
    {
        var output = node.Output.Count > 0 ? Elements(node.Output[0], types) : 0;
        switch (node.OpType)
        {
            case "Conv":
            case "ConvInteger":
            case "QLinearConv":
            {
                var weight = Shape(node.Input[node.OpType == "QLinearConv" ? 3 : 1], types);
                var perOutput = Product(weight, 1);
                return 2 * output * perOutput + (node.Input.Count > 2 && node.OpType == "Conv" ? output : 0);
            }

            case "ConvTranspose":
            {
                var input = Elements(node.Input[0], types);
                var weight = Shape(node.Input[1], types);
                return 2 * input * Product(weight, 1);
            }

            case "Gemm":
            case "MatMul":
            case "MatMulInteger":
            case "QLinearMatMul":
            {
                var a = Shape(node.Input[0], types);
                long k = 1;
                if (a.Count > 0)
                {
                    var transA = node.OpType == "Gemm" && node.Attribute.Any(x => x.Name == "transA" && x.I != 0);
                    k = Math.Max(1, transA && a.Count >= 2 ? a[^2] : a[^1]);
                }

                return 2 * output * k;
            }

            case "MaxPool":
            case "AveragePool":
            case "LpPool":
            {
                var kernel = node.Attribute.FirstOrDefault(x => x.Name == "kernel_shape");
                var window = kernel is null ? 1 : kernel.Ints.Aggregate(1L, (p, d) => p * Math.Max(1, d));
                return output * window;
            }

            case "GlobalAveragePool":
            case "GlobalMaxPool":
            case "ReduceMean":
            case "ReduceSum":
            case "ReduceMax":
            case "ReduceMin":
            case "ReduceProd":
            case "ReduceL2":
            case "ReduceL1":
            case "ReduceSumSquare":
            case "ReduceLogSumExp":
            case "ArgMax":
            case "ArgMin":
                return Elements(node.Input[0], types);

            case "BatchNormalization":
                return 2 * output;

            case "InstanceNormalization":
            case "LayerNormalization":
            case "GroupNormalization":
            case "LRN":
                return 5 * output;

            case "Softmax":
            case "LogSoftmax":
                return 3 * output;

            case "Resize":
            case "Upsample":
                return 4 * output;

            default:
                return Elementwise.Contains(node.OpType) ? output : 0;
        }
    }

    private static IReadOnlyList<long> Shape(string name, IReadOnlyDictionary<string, TensorInfo> types) =>
        types.TryGetValue(name, out var info) ? info.Shape : [];

    private static double Elements(string name, IReadOnlyDictionary<string, TensorInfo> types) =>
        Product(Shape(name, types), 0);

    private static double Product(IReadOnlyList<long> shape, int from)
    {
        double product = 1;
        for (var i = from; i < shape.Count; i++)
        {
            product *= Math.Max(1, shape[i]);
        }

        return product;
    }
}
