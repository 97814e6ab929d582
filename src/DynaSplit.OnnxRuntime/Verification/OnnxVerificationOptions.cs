using DynaSplit.OnnxRuntime.Execution;

namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>What <see cref="OnnxSplitVerifier"/> checks and how strictly.</summary>
public sealed class OnnxVerificationOptions
{
    /// <summary>The split points to check; null for all of them.</summary>
    public IReadOnlyList<int>? Indices { get; set; }

    /// <summary>The seed of the random inputs.</summary>
    public int Seed { get; set; }

    /// <summary>Sizes of the inputs' dynamic dimensions by name; others are 1.</summary>
    public IDictionary<string, long> Dimensions { get; set; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Absolute tolerance: finite and not negative.</summary>
    public double AbsoluteTolerance { get; set; } = 1e-5;

    /// <summary>Relative tolerance: finite and not negative.</summary>
    public double RelativeTolerance { get; set; } = 1e-4;

    /// <summary>
    /// How many segment sessions the pipeline verification keeps between pairs (see
    /// <see cref="OnnxRuntimeOptions.SessionCacheCapacity"/>). With every pair of a model ordered by the first cut, the
    /// model's number of split points plus 3 keeps every cloud stage's session, so each segment's session is created
    /// once, at the cost of the memory of those sessions.
    /// </summary>
    public int SessionCacheCapacity { get; set; } = OnnxRuntimeOptions.DefaultSessionCacheCapacity;

    /// <summary>The session settings of the whole model and of the parts.</summary>
    public OnnxRuntimeSessionSettings Settings { get; set; } = new();

    /// <summary>Checks the tolerances: a NaN tolerance would pass any difference, a negative one fail every element.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is NaN, infinite or negative.</exception>
    public void Validate()
    {
        Check(AbsoluteTolerance, nameof(AbsoluteTolerance), "--atol");
        Check(RelativeTolerance, nameof(RelativeTolerance), "--rtol");
    }

    private static void Check(double value, string name, string option)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The tolerance {option} = {value} must be a finite number of zero or more (NaN would pass any difference, a negative value fail every element).");
        }
    }
}
