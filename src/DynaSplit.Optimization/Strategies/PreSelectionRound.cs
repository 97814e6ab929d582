using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Surrogates;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Surrogate pre-selection of proposals: candidates are bred by the usual child generation (when there are parents),
/// plus unseen configurations (all of them when at most <c>rateAllUnseenUpTo</c> are left, otherwise
/// <c>randomPerOffspring</c> random draws per proposal); the surrogate rates them against the measured
/// non-dominated set and the best-rated are proposed.
/// </summary>
internal sealed class PreSelectionRound(
    SearchContext context,
    SurrogatePreSelection surrogate,
    ParetoArchive archive,
    OffspringBreeder breeder,
    int bredPerOffspring,
    int randomPerOffspring,
    int rateAllUnseenUpTo)
{
    private readonly CandidateList _candidates = new(context.Ledger, context.Codec, context.Space);

    /// <summary>Queues the <paramref name="count"/> best-rated candidates; false when the surrogate cannot rate them yet.</summary>
    public bool TryEmit(IReadOnlyList<Individual> parents, int count, ProposalQueue queue)
    {
        try
        {
            if (parents.Count > 0)
            {
                breeder.Breed(parents, count * bredPerOffspring, _candidates);
            }

            if (context.Ledger.Pool!.Count <= rateAllUnseenUpTo)
            {
                _candidates.EmitAllUnseen();
            }
            else
            {
                for (var k = count * randomPerOffspring; k > 0 && _candidates.EmitRandomUnseen(context.Random); k--)
                {
                    // Uniform draws of unseen configurations, so a region the population has not reached can be chosen.
                }
            }

            if (_candidates.Count == 0)
            {
                return false;
            }

            var front = archive.Members.Select(m => m.Objectives).ToList();
            var chosen = surrogate.Choose(_candidates.Items.Select(c => c.Genes).ToList(), count, front);
            if (chosen is null)
            {
                return false;
            }

            foreach (var index in chosen)
            {
                var (configuration, genes) = _candidates.Items[index];
                queue.Emit(configuration, genes);
            }

            return true;
        }
        finally
        {
            _candidates.Clear();
        }
    }
}
