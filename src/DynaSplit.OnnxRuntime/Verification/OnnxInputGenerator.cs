using System.Runtime.InteropServices;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;

namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>Seeded random inputs of a model's declared types, with dynamic dimensions set by name.</summary>
public static class OnnxInputGenerator
{
    /// <summary>
    /// The concrete shape of <paramref name="input"/>: fixed dimensions as declared, dynamic ones from
    /// <paramref name="dimensions"/> by their symbolic name, 1 otherwise.
    /// </summary>
    public static long[] ResolveShape(TensorInfo input, IReadOnlyDictionary<string, long>? dimensions)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = new long[input.Shape.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (input.Shape[i] >= 0)
            {
                shape[i] = input.Shape[i];
                continue;
            }

            var name = input.DimensionNames is { } names && i < names.Count ? names[i] : null;
            shape[i] = name is not null && dimensions is not null && dimensions.TryGetValue(name, out var value) ? value : 1;
        }

        return shape;
    }

    /// <summary>Checks that every name in <paramref name="dimensions"/> is a dynamic dimension of some input and every value is positive.</summary>
    /// <exception cref="ArgumentException">A name is unknown or a value is not positive; the message lists the model's dynamic dimensions.</exception>
    public static void ValidateDimensions(IReadOnlyList<TensorInfo> inputs, IReadOnlyDictionary<string, long>? dimensions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (dimensions is null)
        {
            return;
        }

        var known = inputs.SelectMany(i => i.DimensionNames ?? []).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var (name, value) in dimensions)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var list = known.Count == 0 ? "the model has no named dynamic dimensions" : "the model's dynamic dimensions are: " + string.Join(", ", known);
                throw new ArgumentException($"Dimension '{name}' is not a dynamic dimension of any model input; {list}.", nameof(dimensions));
            }

            if (value <= 0)
            {
                throw new ArgumentException($"Dimension '{name}' = {value}: a dimension must be a positive integer.", nameof(dimensions));
            }
        }
    }

    /// <summary>
    /// Random inputs for <paramref name="inputs"/> from <paramref name="seed"/>: floats uniform in [-1, 1),
    /// integers uniform in [0, <paramref name="integerUpperBound"/>), booleans 0 or 1.
    /// </summary>
    /// <exception cref="NotSupportedException">An input has an element type with no fixed size (strings).</exception>
    /// <exception cref="ArgumentException">A dimension name is unknown, or an input at these sizes would not fit in one buffer.</exception>
    public static IReadOnlyList<TensorData> Create(IReadOnlyList<TensorInfo> inputs, IReadOnlyDictionary<string, long>? dimensions, int seed, int integerUpperBound = 10)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ValidateDimensions(inputs, dimensions);
        var random = new Random(seed);
        var result = new List<TensorData>(inputs.Count);
        foreach (var input in inputs)
        {
            var shape = ResolveShape(input, dimensions);
            var size = input.ElementType.SizeInBytes();
            if (size == 0)
            {
                throw new NotSupportedException($"Input '{input.Name}' has element type {input.ElementType}, for which no random values are generated.");
            }

            var length = TensorSizes.ByteCount(input.Name, shape, input.ElementType, TensorSizes.MaxBufferBytes, "choose smaller sizes for its dynamic dimensions (--dim)");
            var count = (int)(length / size);
            var bytes = new byte[length];
            Fill(input.ElementType, bytes, count, random, integerUpperBound);
            result.Add(new TensorData(input.Name, input.ElementType, shape, bytes));
        }

        return result;
    }

    private static void Fill(TensorElementType type, byte[] bytes, int count, Random random, int upper)
    {
        switch (type)
        {
            case TensorElementType.Float:
                var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    floats[i] = (float)(random.NextDouble() * 2 - 1);
                }

                break;
            case TensorElementType.Double:
                var doubles = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    doubles[i] = random.NextDouble() * 2 - 1;
                }

                break;
            case TensorElementType.Float16:
                var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    halves[i] = (Half)(random.NextDouble() * 2 - 1);
                }

                break;
            case TensorElementType.BFloat16:
                var raw = MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    raw[i] = (ushort)(BitConverter.SingleToUInt32Bits((float)(random.NextDouble() * 2 - 1)) >> 16);
                }

                break;
            case TensorElementType.Bool:
                for (var i = 0; i < count; i++)
                {
                    bytes[i] = (byte)random.Next(2);
                }

                break;
            case TensorElementType.Int64:
                var longs = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    longs[i] = random.Next(upper);
                }

                break;
            case TensorElementType.Int32:
                var ints = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
                for (var i = 0; i < count; i++)
                {
                    ints[i] = random.Next(upper);
                }

                break;
            case TensorElementType.UInt64:
            case TensorElementType.UInt32:
            case TensorElementType.UInt16:
            case TensorElementType.Int16:
            case TensorElementType.UInt8:
            case TensorElementType.Int8:
                var elementSize = type.SizeInBytes();
                for (var i = 0; i < count; i++)
                {
                    var value = (ulong)random.Next(Math.Min(upper, type is TensorElementType.Int8 ? 128 : 256));
                    for (var b = 0; b < elementSize; b++)
                    {
                        bytes[(i * elementSize) + b] = (byte)(value >> (8 * b));
                    }
                }

                break;
            default:
                random.NextBytes(bytes);
                break;
        }
    }
}
