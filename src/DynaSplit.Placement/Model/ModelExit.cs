namespace DynaSplit.Placements.Model;

/// <summary>An exit of an early-exit network: the classifier after some block and the accuracy it reaches.</summary>
public sealed record ModelExit
{
    /// <summary>Creates an exit.</summary>
    /// <param name="afterBlocks">How many blocks of the main chain run before this exit (1 = after the first block).</param>
    /// <param name="accuracyPercent">The exit's accuracy, percent (0..100).</param>
    /// <param name="operations">
    /// The exit branch's own operations per sample, run on the tier of the last block before it (0 when the blocks'
    /// operations already include it, as in FIN's reference profiles).
    /// </param>
    /// <param name="name">A name for messages and for the ONNX output it stands for (optional).</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public ModelExit(int afterBlocks, double accuracyPercent, double operations = 0, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(afterBlocks, 1);
        if (!(double.IsFinite(accuracyPercent) && accuracyPercent is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracyPercent), accuracyPercent, $"The accuracy of the exit after block {afterBlocks} must be a percentage in 0..100.");
        }

        if (!(double.IsFinite(operations) && operations >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(operations), operations, $"The operations of the exit after block {afterBlocks} must be a non-negative number.");
        }

        AfterBlocks = afterBlocks;
        AccuracyPercent = accuracyPercent;
        Operations = operations;
        Name = name;
    }

    /// <summary>How many blocks run before this exit.</summary>
    public int AfterBlocks { get; }

    /// <summary>The exit's accuracy, percent.</summary>
    public double AccuracyPercent { get; }

    /// <summary>The exit branch's own operations per sample.</summary>
    public double Operations { get; }

    /// <summary>The exit's name, when given (an ONNX output name for profiles built from a model).</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name ?? $"exit after block {AfterBlocks}";
}
