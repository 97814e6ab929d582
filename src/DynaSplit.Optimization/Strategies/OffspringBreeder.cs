using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Optimization.Selection;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Child generation: without parents, the initial design and then random unseen configurations; with parents, each
/// offspring is with probability <c>localShare</c> a local step from the archive, otherwise a child of two parents
/// chosen by the elite selection's mating rule, crossed and mutated, then repaired.
/// </summary>
internal sealed class OffspringBreeder(
    SearchContext context,
    IEliteSelection selection,
    LatinHypercubeDesign design,
    LocalStep? localStep,
    double localShare,
    ChildRepair repair,
    RandomUnseen randomUnseen)
{
    /// <summary>Puts <paramref name="count"/> more configurations in <paramref name="sink"/>, fewer when the space runs out.</summary>
    public void Breed(IReadOnlyList<Individual> parents, int count, IOffspringSink sink)
    {
        var target = sink.Count + count;
        while (sink.Count < target)
        {
            if (parents.Count == 0)
            {
                if (!design.TryEmit(sink) && !randomUnseen.TryEmit(sink))
                {
                    return;
                }

                continue;
            }

            if (localStep is not null && context.Random.NextDouble() < localShare && localStep.TryEmit(sink))
            {
                continue;
            }

            var first = selection.PickParent(parents);
            var second = selection.PickParent(parents);
            var (a, b) = context.Variation.Crossover(first.Genes, second.Genes);
            context.Variation.Mutate(a);
            context.Variation.Mutate(b);
            if (!repair.TryEmit(a, sink))
            {
                return;
            }

            if (sink.Count < target && !repair.TryEmit(b, sink))
            {
                return;
            }
        }
    }
}
