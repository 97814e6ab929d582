namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>How far the three-stage pipeline cut at a pair of cuts strayed from the whole model.</summary>
/// <param name="Cuts">The pair of cuts.</param>
/// <param name="MaxAbsDiff">The largest |pipeline - whole| over every element of every output.</param>
/// <param name="MaxRelDiff">The largest |pipeline - whole| / |whole| over elements where whole is not 0.</param>
/// <param name="Ok">True when every element satisfies |pipeline - whole| &lt;= atol + rtol * |whole|.</param>
/// <param name="BitEqual">True when every output is bit for bit the whole model's.</param>
public sealed record CutPairVerification(CutPair Cuts, double MaxAbsDiff, double MaxRelDiff, bool Ok, bool BitEqual);
