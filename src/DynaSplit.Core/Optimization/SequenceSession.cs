using DynaSplit.Spaces;

namespace DynaSplit.Optimization;

/// <summary>A session that proposes a fixed sequence of configurations and learns nothing from results.</summary>
internal sealed class SequenceSession(IReadOnlyList<Configuration> sequence) : IOptimizationSession
{
    private int _next;

    public IReadOnlyList<Configuration> Ask(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var count = Math.Min(maxCount, sequence.Count - _next);
        var batch = new Configuration[count];
        for (var i = 0; i < count; i++)
        {
            batch[i] = sequence[_next++];
        }

        return batch;
    }

    public void Tell(Configuration configuration, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default)
    {
    }

    public void TellFailure(Configuration configuration, string error)
    {
    }
}
