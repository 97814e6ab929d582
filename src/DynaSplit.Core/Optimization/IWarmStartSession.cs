namespace DynaSplit.Optimization;

/// <summary>
/// An <see cref="IOptimizationSession"/> that accepts results it did not ask for, told before its first ask: its
/// state is rebuilt from them (a warm start). The offline phase tells such a session every stored trial up front when
/// it resumes a study; a session without this marker is told stored trials only when it proposes them again.
/// </summary>
public interface IWarmStartSession : IOptimizationSession
{
}
