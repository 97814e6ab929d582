namespace DynaSplit.Cli.Commands;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread, so a progress bar sees reports in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
