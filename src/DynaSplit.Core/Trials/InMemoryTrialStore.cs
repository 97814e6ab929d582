using DynaSplit.Spaces;

namespace DynaSplit.Trials;

/// <summary>A trial store in memory: resuming works within one process. Thread-safe.</summary>
public sealed class InMemoryTrialStore : ITrialStore
{
    private readonly List<TrialRecord> _trials = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrialRecord>> LoadAsync(ConfigurationSpace space, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<TrialRecord> copy = _trials
                .Select(t => t with { Configuration = space.ParseKey(t.Configuration.Key) })
                .ToArray();
            return ValueTask.FromResult(copy);
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(TrialRecord trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _trials.Add(trial);
        }

        return ValueTask.CompletedTask;
    }
}
