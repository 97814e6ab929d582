using DynaSplit.Optimization;

namespace DynaSplit.Cli;

/// <summary>The optimizers the CLI can run by name.</summary>
internal static class OptimizerCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<IMultiObjectiveOptimizer>> Factories =
        new Dictionary<string, Func<IMultiObjectiveOptimizer>>(StringComparer.OrdinalIgnoreCase)
        {
            ["nsga3"] = () => new Nsga3Optimizer(Nsga3Options.BudgetAware()),
            ["nsga3-plain"] = () => new Nsga3Optimizer(),
            ["nsga2"] = () => new Nsga2Optimizer(Nsga2Options.BudgetAware()),
            ["nsga2-plain"] = () => new Nsga2Optimizer(),
            ["random"] = () => new RandomSearch(),
            ["exhaustive"] = () => new ExhaustiveSearch(),
        };

    /// <summary>
    /// The default optimizer of the offline phase: NSGA-III (the paper's sampler) with the budget-aware search (sizes
    /// adapted to the budget, the surrogate guiding after a small initial design, the split corners first); the
    /// "-plain" variants are the algorithms as published (and as Optuna runs them).
    /// </summary>
    public const string Default = "nsga3";

    public static IEnumerable<string> Names => Factories.Keys;

    public static IMultiObjectiveOptimizer Create(string name) => Factories.TryGetValue(name, out var factory)
        ? factory()
        : throw new ArgumentException($"Unknown optimizer '{name}'; choose one of: {string.Join(", ", Factories.Keys)}.");
}
