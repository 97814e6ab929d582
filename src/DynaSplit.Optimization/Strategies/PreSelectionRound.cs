using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Surrogates;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Surrogate pre-selection of proposals. Each round's candidates are, with probability
/// <c>neighbourhoodShare</c>, the one-step neighbourhood of the measured non-dominated set (local exploitation);
/// otherwise children bred by the usual child generation (when there are parents) plus unseen configurations (all of
/// them while at most <c>rateAllUnseenUpTo</c> are left and rating them costs at most 2e7 multiply-adds, else
/// random draws: <c>randomPerOffspring</c> per proposal, or as many as that cost allows).
/// The surrogate rates them against the measured non-dominated set and the best-rated are proposed.
/// </summary>
internal sealed class PreSelectionRound(
    SearchContext context,
    SurrogatePreSelection surrogate,
    ParetoArchive archive,
    OffspringBreeder breeder,
    int bredPerOffspring,
    int randomPerOffspring,
    int rateAllUnseenUpTo,
    double neighbourhoodShare)
{
    private const double PredictionBudget = 20_000_000;
    private readonly CandidateList _candidates = new(context.Ledger, context.Codec, context.Space);
    private readonly List<double[]> _genes = [];

    /// <summary>Queues the <paramref name="count"/> best-rated candidates; false when the surrogate cannot rate them yet.</summary>
    public bool TryEmit(IReadOnlyList<Individual> parents, int count, ProposalQueue queue)
    {
        try
        {
            if (neighbourhoodShare > 0 && context.Random.NextDouble() < neighbourhoodShare)
            {
                _candidates.EmitNeighbours(archive.Members, context.Buffer);
            }

            if (_candidates.Count == 0)
            {
                CollectGlobal(parents, count);
            }

            if (_candidates.Count == 0)
            {
                return false;
            }

            var members = archive.Members;
            _genes.Clear();
            foreach (var item in _candidates.Items)
            {
                _genes.Add(item.Genes);
            }

            var chosen = surrogate.Choose(
                _genes, count, members.Select(m => m.Objectives).ToList(), members.Select(m => m.Genes).ToList());
            if (chosen is null)
            {
                return false;
            }

            foreach (var index in chosen)
            {
                var (configuration, genes) = _candidates.Items[index];
                queue.Emit(configuration, (double[])genes.Clone());
            }

            return true;
        }
        finally
        {
            _candidates.Clear();
        }
    }

    private void CollectGlobal(IReadOnlyList<Individual> parents, int count)
    {
        if (parents.Count > 0)
        {
            breeder.Breed(parents, count * bredPerOffspring, _candidates);
        }

        var unseen = context.Ledger.Pool!.Count;
        var draws = count * randomPerOffspring;
        if (unseen <= rateAllUnseenUpTo)
        {
            // Rating a candidate costs about window^2 multiply-adds (the predicted variance); beyond the prediction
            // budget, a random subset of the unseen configurations as large as the budget allows is rated instead.
            var window = Math.Max(1.0, surrogate.WindowCount);
            var affordable = (int)Math.Min(int.MaxValue, PredictionBudget / (window * window));
            if (unseen <= affordable)
            {
                _candidates.EmitAllUnseen();
                return;
            }

            draws = Math.Max(draws, affordable);
        }

        for (var k = draws; k > 0 && _candidates.EmitRandomUnseen(context.Random); k--)
        {
            // Uniform draws of unseen configurations, so a region the population has not reached can be chosen.
        }
    }
}
