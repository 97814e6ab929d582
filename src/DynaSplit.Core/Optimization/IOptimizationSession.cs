using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>
/// Ask/tell over one problem. The driver asks for configurations, measures them (slowly, possibly in parallel),
/// and tells each result back. Proposals are always valid in the problem's space. For a given seed and order of
/// told results the proposals are the same.
/// </summary>
public interface IOptimizationSession
{
    /// <summary>
    /// Proposes up to <paramref name="maxCount"/> configurations to measure next. Returns an empty list when the
    /// optimizer has nothing left to propose (for example the space is exhausted).
    /// </summary>
    IReadOnlyList<Configuration> Ask(int maxCount);

    /// <summary>Tells the objectives of a measured configuration (values in the problem's objective order).</summary>
    /// <param name="configuration">A configuration this session proposed.</param>
    /// <param name="objectives">The objective values.</param>
    /// <param name="constraints">Constraint values (feasible when at most 0), in the problem's constraint order, or null.</param>
    void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default);

    /// <summary>Tells that measuring a configuration failed; it is never proposed again.</summary>
    void TellFailure(Configuration configuration, string error);
}
