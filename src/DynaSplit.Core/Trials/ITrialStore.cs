using DynaSplit.Spaces;

namespace DynaSplit.Trials;

/// <summary>
/// Keeps the trials of an offline phase so that an interrupted study resumes without measuring anything twice.
/// </summary>
public interface ITrialStore
{
    /// <summary>The trials recorded so far, in the order they were appended, as configurations of <paramref name="space"/>.</summary>
    ValueTask<IReadOnlyList<TrialRecord>> LoadAsync(ConfigurationSpace space, CancellationToken cancellationToken);

    /// <summary>Records a finished trial durably before returning.</summary>
    ValueTask AppendAsync(TrialRecord trial, CancellationToken cancellationToken);
}
