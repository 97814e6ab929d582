namespace DynaSplit.OnnxRuntime.Verification;

/// <summary>How far head-then-tail strayed from the whole model at one split point.</summary>
/// <param name="Index">The split point.</param>
/// <param name="MaxAbsDiff">The largest |split - whole| over every element of every output.</param>
/// <param name="MaxRelDiff">The largest |split - whole| / |whole| over elements where whole is not 0.</param>
/// <param name="Ok">True when every element satisfies |split - whole| &lt;= atol + rtol * |whole|.</param>
public sealed record SplitPointVerification(int Index, double MaxAbsDiff, double MaxRelDiff, bool Ok);
