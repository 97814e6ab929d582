namespace DynaSplit.Optimization;

/// <summary>Settings of <see cref="Nsga2Optimizer"/> (Deb et al. 2002).</summary>
public sealed class Nsga2Options : GeneticOptions
{
    /// <summary>
    /// Settings for the budget-aware search (sizes adapted to the budget, the surrogate guiding after a small initial
    /// design, the split corners tried first); see <see cref="GeneticOptions.AdaptToBudget"/>.
    /// </summary>
    public static Nsga2Options BudgetAware()
    {
        var options = new Nsga2Options();
        options.UseBudgetAwareSearch();
        return options;
    }
}
