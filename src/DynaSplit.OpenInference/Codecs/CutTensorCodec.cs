using System.Runtime.InteropServices;
using DynaSplit.Execution;
using DynaSplit.OpenInference.Tensors;
using DynaSplit.Planning;

namespace DynaSplit.OpenInference.Codecs;

/// <summary>
/// How float cut tensors travel to the next tier: as they are (fp32), as half floats (fp16, half the bytes), or as
/// 8-bit integers with a per-tensor scale and zero point (int8, a quarter of the bytes, as the DynaSplit paper's
/// quantized heads sent them). Tensors of other element types always travel as they are. Decoding is
/// self-describing (the data type and the scale say what was done), so a server needs no setting to accept all three.
/// </summary>
/// <remarks>
/// int8 is asymmetric min-max quantization over the tensor's range widened to include 0 (so the zeros ReLU produces
/// stay exact): scale = (max - min) / 255, zero point = round(-128 - min / scale), q = clamp(round(x / scale) + zp,
/// -128, 127). The error per element is at most scale / 2.
/// </remarks>
public sealed class CutTensorCodec
{
    private CutTensorCodec(string name, string datatype)
    {
        Name = name;
        Datatype = datatype;
    }

    /// <summary>Floats as they are.</summary>
    public static CutTensorCodec Fp32 { get; } = new("fp32", "FP32");

    /// <summary>Floats as IEEE half floats.</summary>
    public static CutTensorCodec Fp16 { get; } = new("fp16", "FP16");

    /// <summary>Floats as 8-bit integers with a per-tensor scale and zero point.</summary>
    public static CutTensorCodec Int8 { get; } = new("int8", "INT8");

    /// <summary>The codecs, by name.</summary>
    public static IReadOnlyList<CutTensorCodec> All { get; } = [Fp32, Fp16, Int8];

    /// <summary>The codec's name: fp32, fp16 or int8.</summary>
    public string Name { get; }

    /// <summary>The protocol's data type float tensors travel as.</summary>
    public string Datatype { get; }

    /// <summary>The codec named <paramref name="name"/> (case-insensitive), or fp32 when null or empty.</summary>
    /// <exception cref="ArgumentException">No codec has that name.</exception>
    public static CutTensorCodec Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Fp32;
        }

        foreach (var codec in All)
        {
            if (string.Equals(codec.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return codec;
            }
        }

        throw new ArgumentException($"Tensor codec '{name}' is not known; use fp32, fp16 or int8.", nameof(name));
    }

    /// <summary>Encodes <paramref name="tensor"/> for the wire.</summary>
    public WireTensor Encode(TensorData tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ElementType != TensorElementType.Float || ReferenceEquals(this, Fp32))
        {
            return new WireTensor(tensor.Name, OpenInferenceDataTypes.From(tensor.ElementType), tensor.Shape, tensor.Data);
        }

        var values = tensor.AsFloats();
        if (ReferenceEquals(this, Fp16))
        {
            var halves = new Half[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                halves[i] = (Half)values[i];
            }

            return new WireTensor(tensor.Name, Datatype, tensor.Shape, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
        }

        var (scale, zeroPoint) = QuantizationOf(values);
        var quantized = new byte[values.Length];
        var inverse = 1.0 / scale;
        for (var i = 0; i < values.Length; i++)
        {
            var q = Math.Round(values[i] * inverse, MidpointRounding.ToEven) + zeroPoint;
            quantized[i] = unchecked((byte)(sbyte)Math.Clamp(q, -128, 127));
        }

        return new WireTensor(tensor.Name, Datatype, tensor.Shape, quantized) { Scale = scale, ZeroPoint = zeroPoint };
    }

    /// <summary>
    /// Decodes a tensor that arrived over the wire into <paramref name="expected"/> elements: as it is when the types
    /// agree, widened from FP16, or dequantized from INT8 with its scale and zero point.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The data type is unknown or cannot become <paramref name="expected"/>, or the byte count disagrees with the shape;
    /// the message names the tensor and says what was expected.
    /// </exception>
    public static TensorData Decode(WireTensor tensor, TensorElementType expected)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var type = OpenInferenceDataTypes.TryParse(tensor.Datatype)
            ?? throw new ArgumentException($"Tensor '{tensor.Name}' has data type '{tensor.Datatype}', which the Open Inference Protocol does not define; use one of {OpenInferenceDataTypes.All}.");
        long elements = 1;
        foreach (var dimension in tensor.Shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' has shape [{string.Join(",", tensor.Shape)}] with a negative dimension; a tensor with data has a concrete shape.");
            }

            elements = checked(elements * dimension);
        }

        var size = type.SizeInBytes();
        if (size == 0)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' is {tensor.Datatype}; this server takes only tensors of fixed-size elements.");
        }

        if (tensor.Data.Length != elements * size)
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' is {tensor.Datatype} [{string.Join(",", tensor.Shape)}], which needs {elements * size} bytes, but {tensor.Data.Length} arrived.");
        }

        if (type == expected && !tensor.IsQuantized)
        {
            return new TensorData(tensor.Name, type, tensor.Shape, tensor.Data);
        }

        if (expected == TensorElementType.Float && type == TensorElementType.Float16)
        {
            var halves = MemoryMarshal.Cast<byte, Half>(tensor.Data.Span);
            var floats = new float[halves.Length];
            for (var i = 0; i < halves.Length; i++)
            {
                floats[i] = (float)halves[i];
            }

            return TensorData.FromFloats(tensor.Name, tensor.Shape, floats);
        }

        if (expected == TensorElementType.Float && type == TensorElementType.Int8 && tensor.Scale is { } scale)
        {
            if (!double.IsFinite(scale) || scale <= 0)
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' is INT8 with scale {scale}; the scale must be a positive finite number.");
            }

            var zeroPoint = tensor.ZeroPoint ?? 0;
            var quantized = MemoryMarshal.Cast<byte, sbyte>(tensor.Data.Span);
            var floats = new float[quantized.Length];
            for (var i = 0; i < quantized.Length; i++)
            {
                floats[i] = (float)((quantized[i] - zeroPoint) * scale);
            }

            return TensorData.FromFloats(tensor.Name, tensor.Shape, floats);
        }

        var accepted = expected == TensorElementType.Float
            ? $"FP32, FP16, or INT8 with the parameter {OpenInferenceParameters.Scale}"
            : OpenInferenceDataTypes.From(expected);
        throw new ArgumentException($"Tensor '{tensor.Name}' is {tensor.Datatype}{(tensor.IsQuantized ? " (quantized)" : string.Empty)}; the model expects {OpenInferenceDataTypes.From(expected)} (accepted: {accepted}).");
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static (double Scale, long ZeroPoint) QuantizationOf(ReadOnlySpan<float> values)
    {
        var min = 0f;
        var max = 0f;
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"A cut tensor holds {value}; int8 quantization needs finite values. Use the fp32 or fp16 codec for this model.", nameof(values));
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (max == min)
        {
            return (1.0, 0);
        }

        var scale = ((double)max - min) / 255.0;
        var zeroPoint = (long)Math.Clamp(Math.Round(-128 - (min / scale), MidpointRounding.ToEven), -128, 127);
        return (scale, zeroPoint);
    }
}
