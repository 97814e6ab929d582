namespace DynaSplit.Placements.Onnx;

/// <summary>Options of <see cref="OnnxProfileBuilder"/>.</summary>
public sealed class OnnxProfileOptions
{
    /// <summary>The profile's name (default: the model file's name).</summary>
    public string? Name { get; set; }

    /// <summary>Sizes of the model's dynamic dimensions, as given when it was loaded (the batch size divides the operations).</summary>
    public IReadOnlyDictionary<string, long>? Dimensions { get; set; }

    /// <summary>
    /// Bits per element of a feature sent over a link (8 when features are quantised before sending, as in FIN's
    /// reference); null sends the tensor's own element type.
    /// </summary>
    public int? BitsPerElement { get; set; }
}
