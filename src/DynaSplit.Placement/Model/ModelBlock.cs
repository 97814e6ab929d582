namespace DynaSplit.Placements.Model;

/// <summary>One block of an early-exit network's main chain.</summary>
public sealed record ModelBlock
{
    /// <summary>Creates a block.</summary>
    /// <param name="operations">The block's operations per sample (non-negative, finite).</param>
    /// <param name="outputBits">
    /// The size in bits of the feature the block hands to the next one: what a cut after this block sends (non-negative,
    /// finite; unused for the last block).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A number is negative or not finite.</exception>
    public ModelBlock(double operations, double outputBits)
    {
        if (!(double.IsFinite(operations) && operations >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(operations), operations, "A block's operations must be a non-negative number.");
        }

        if (!(double.IsFinite(outputBits) && outputBits >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(outputBits), outputBits, "A block's output size must be a non-negative number of bits.");
        }

        Operations = operations;
        OutputBits = outputBits;
    }

    /// <summary>The block's operations per sample.</summary>
    public double Operations { get; }

    /// <summary>The bits a cut after this block sends.</summary>
    public double OutputBits { get; }
}
