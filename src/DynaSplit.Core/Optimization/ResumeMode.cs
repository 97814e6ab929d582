namespace DynaSplit.Optimization;

/// <summary>How the offline phase continues a study from the trials in its store.</summary>
public enum ResumeMode
{
    /// <summary>
    /// Tell a session that accepts it (<see cref="IWarmStartSession"/>) every stored trial before its first ask, so it
    /// continues from what was learnt, whatever proposals the optimizer would make now: a changed optimizer option
    /// wastes no stored measurement. Sessions without a warm start replay (<see cref="Replay"/>). The default.
    /// </summary>
    WarmStart,

    /// <summary>
    /// Replay the proposals from the seed and tell a stored trial when it is proposed again: with the same seed and
    /// options the study ends exactly as an uninterrupted one would (for reproducing published runs); stored trials the
    /// replay does not propose are not used.
    /// </summary>
    Replay,
}
