using DynaSplit.Spaces;

namespace DynaSplit.Simulation.Network;

/// <summary>
/// The bytes that cross the link per inference for each split index of a model: what the pool's runs do not say, and
/// what rescaling a transfer to another bandwidth needs.
/// </summary>
public sealed class CutSizes
{
    private readonly long[] _bytes;

    /// <summary>Creates the table: <paramref name="bytesBySplitIndex"/>[i] is the bytes sent when the head ends at split i.</summary>
    public CutSizes(string model, IEnumerable<long> bytesBySplitIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(bytesBySplitIndex);
        _bytes = bytesBySplitIndex.ToArray();
        if (_bytes.Length == 0 || _bytes.Any(b => b < 0))
        {
            throw new ArgumentException($"Cut sizes of {model}: need one non-negative byte count per split index.", nameof(bytesBySplitIndex));
        }

        Model = model;
    }

    /// <summary>The model the sizes are of.</summary>
    public string Model { get; }

    /// <summary>The number of split indices (0 .. Count - 1).</summary>
    public int Count => _bytes.Length;

    /// <summary>The bytes sent per inference when the head ends at <paramref name="splitIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such split index.</exception>
    public long BytesAt(int splitIndex) =>
        splitIndex >= 0 && splitIndex < _bytes.Length
            ? _bytes[splitIndex]
            : throw new ArgumentOutOfRangeException(nameof(splitIndex), splitIndex, $"{Model} has split indices 0..{_bytes.Length - 1}.");

    /// <summary>The bytes sent per inference in <paramref name="configuration"/> (by its split-point parameter).</summary>
    /// <exception cref="ArgumentException">The configuration's space has no split point.</exception>
    public long BytesOf(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var split = configuration.GetByRole(ParameterRole.SplitPoint)
            ?? throw new ArgumentException($"'{configuration.Key}' has no split-point parameter, so its cut size is unknown.", nameof(configuration));
        return BytesAt((int)split);
    }

    /// <summary>
    /// VGG16 (Simonyan and Zisserman, 2015) as the DynaSplit artifact split it, derived from the architecture: split 0
    /// sends the float32 input (224 × 224 × 3 × 4 bytes); split i in 1..21 sends the int8 output of the head's last layer
    /// (conv 224² × 64, 224² × 64, pool 112² × 64, conv 112² × 128 twice, pool 56² × 128, conv 56² × 256 three times,
    /// pool 28² × 256, conv 28² × 512 three times, pool 14² × 512, conv 14² × 512 three times, pool 7² × 512, flatten
    /// 25,088, dense 4,096 twice); split 22 (edge only) sends nothing. The artifact's serialized tensors were these plus
    /// 18-27 bytes of framing (its "tensor size (KB)" column), which is left out.
    /// </summary>
    public static CutSizes Vgg16 { get; } = new("VGG16",
    [
        224 * 224 * 3 * 4,
        224 * 224 * 64, 224 * 224 * 64, 112 * 112 * 64,
        112 * 112 * 128, 112 * 112 * 128, 56 * 56 * 128,
        56 * 56 * 256, 56 * 56 * 256, 56 * 56 * 256, 28 * 28 * 256,
        28 * 28 * 512, 28 * 28 * 512, 28 * 28 * 512, 14 * 14 * 512,
        14 * 14 * 512, 14 * 14 * 512, 14 * 14 * 512, 7 * 7 * 512,
        25_088, 4_096, 4_096,
        0,
    ]);
}
