namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// The population and initial-design sizes of a session. As published (<see cref="GeneticOptions.AdaptToBudget"/>
/// off): the configured population, and one population as the initial design unless
/// <see cref="GeneticOptions.InitialDesignSize"/> is set. Adapted to the budget: a population of a third of the
/// budget (at least 8, at most the configured size), so small budgets still see several generations, and an initial
/// design of a fifth of the budget (at least 3, at most the population), after which the surrogate guides.
/// </summary>
/// <param name="Population">Told offspring per generation.</param>
/// <param name="InitialDesign">The initial design's size, trials told before the first ask included; null for one population.</param>
internal readonly record struct BudgetSizing(int Population, int? InitialDesign)
{
    /// <summary>The sizes for <paramref name="problem"/> under <paramref name="options"/>.</summary>
    public static BudgetSizing For(OptimizationProblem problem, GeneticOptions options)
    {
        if (!options.AdaptToBudget)
        {
            return new BudgetSizing(options.PopulationSize, options.InitialDesignSize);
        }

        var budget = problem.Budget;
        var population = Math.Clamp((budget + 2) / 3, Math.Min(8, options.PopulationSize), options.PopulationSize);
        var design = options.InitialDesignSize ?? Math.Clamp((budget + 4) / 5, 3, population);
        return new BudgetSizing(population, design);
    }
}
