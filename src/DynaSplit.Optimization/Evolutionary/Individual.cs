using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>An evaluated member of a population.</summary>
/// <param name="Genes">The genome (levels of discrete parameters, values of real ones).</param>
/// <param name="Configuration">The configuration the genome decodes to.</param>
/// <param name="Objectives">The objectives, every one turned into a minimization.</param>
/// <param name="Violation">The total constraint violation, 0 when feasible.</param>
internal sealed record Individual(double[] Genes, Configuration Configuration, double[] Objectives, double Violation)
{
    /// <summary>The non-domination rank after the last environmental selection (0 = first front).</summary>
    public int Rank { get; set; }

    /// <summary>The crowding distance after the last NSGA-II selection.</summary>
    public double Crowding { get; set; }

    /// <summary>True once local steps from this individual found no valid unseen configuration; it is then skipped.</summary>
    public bool NeighboursExhausted { get; set; }
}
