namespace DynaSplit.Simulation.Comparison;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread, so reports arrive in
/// order (<see cref="Progress{T}"/> posts them to the thread pool, where they can overtake each other).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
