using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization.Selection;

/// <summary>Environmental (elite) selection and mating selection of a genetic algorithm.</summary>
internal interface IEliteSelection
{
    /// <summary>The algorithm's name for logs.</summary>
    string AlgorithmName { get; }

    /// <summary>
    /// Keeps the survivors of <paramref name="combined"/> (parents and offspring), exactly <paramref name="count"/>
    /// of them when there are that many, and sets what mating needs (ranks, crowding).
    /// </summary>
    List<Individual> Select(List<Individual> combined, int count);

    /// <summary>Picks a parent for mating from the current population.</summary>
    Individual PickParent(IReadOnlyList<Individual> parents);
}
