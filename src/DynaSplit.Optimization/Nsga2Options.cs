namespace DynaSplit.Optimization;

/// <summary>Settings of <see cref="Nsga2Optimizer"/> (Deb et al. 2002).</summary>
public sealed class Nsga2Options : GeneticOptions
{
}
