using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Strategies;

/// <summary>Bred configurations waiting to be handed out by <c>Ask</c>; each is marked seen when it enters.</summary>
internal sealed class ProposalQueue(ProposalLedger ledger, GenomeCodec codec) : IOffspringSink
{
    private readonly Queue<(Configuration Configuration, double[] Genes)> _queue = new();

    /// <inheritdoc />
    public int Count => _queue.Count;

    /// <inheritdoc />
    public bool Commits => true;

    /// <inheritdoc />
    public bool IsTaken(Configuration configuration) => ledger.IsSeen(configuration);

    /// <inheritdoc />
    public bool IsFree(long ordinal) => ledger.Pool!.IsUnseen(ordinal);

    /// <inheritdoc />
    public void Emit(Configuration configuration, double[] genes)
    {
        ledger.MarkSeen(configuration);
        _queue.Enqueue((configuration, genes));
    }

    /// <inheritdoc />
    public bool EmitRandomUnseen(Random random)
    {
        var configuration = ledger.Pool!.TakeRandom(random);
        if (configuration is null)
        {
            return false;
        }

        Emit(configuration, codec.Encode(configuration));
        return true;
    }

    /// <summary>Takes the next proposal.</summary>
    public (Configuration Configuration, double[] Genes) Dequeue() => _queue.Dequeue();
}
