namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>The verification of a model's three-stage pipelines, one per pair of cuts.</summary>
/// <param name="Pairs">One entry per verified pair of cuts.</param>
public sealed record OnnxPipelineVerificationReport(IReadOnlyList<CutPairVerification> Pairs)
{
    /// <summary>True when every pair is within tolerance.</summary>
    public bool Ok => Pairs.All(p => p.Ok);

    /// <summary>True when every pair's outputs are bit for bit the whole model's.</summary>
    public bool BitEqual => Pairs.All(p => p.BitEqual);
}
