namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>The verification of a model's split points.</summary>
/// <param name="SplitPoints">One entry per verified split point.</param>
public sealed record OnnxVerificationReport(IReadOnlyList<SplitPointVerification> SplitPoints)
{
    /// <summary>True when every split point is within tolerance.</summary>
    public bool Ok => SplitPoints.All(p => p.Ok);
}
