using DynaSplit.Optimization;

namespace DynaSplit.Cli;

/// <summary>The optimizers the CLI can run by name.</summary>
internal static class OptimizerCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<IMultiObjectiveOptimizer>> Factories =
        new Dictionary<string, Func<IMultiObjectiveOptimizer>>(StringComparer.OrdinalIgnoreCase)
        {
            ["nsga3"] = () => new Nsga3Optimizer(new Nsga3Options { PreSelectionCandidates = 16 }),
            ["nsga3-budget"] = () => new Nsga3Optimizer(Nsga3Options.BudgetAware()),
            ["nsga3-plain"] = () => new Nsga3Optimizer(),
            ["nsga2"] = () => new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = 16 }),
            ["nsga2-budget"] = () => new Nsga2Optimizer(Nsga2Options.BudgetAware()),
            ["nsga2-plain"] = () => new Nsga2Optimizer(),
            ["random"] = () => new RandomSearch(),
            [Exhaustive] = () => new ExhaustiveSearch(),
        };

    /// <summary>
    /// The default optimizer of the offline phase: NSGA-III (the paper's sampler) with the budget-aware search (sizes
    /// adapted to the budget, the surrogate guiding after a small initial design, the split corners first; the best
    /// hypervolume at 5% to 20% budgets, docs/optimization.md). "nsga3": the earlier default, surrogate pre-selection
    /// after the first generation (16 bred candidates per proposal). "-plain": the algorithms as published (and as
    /// Optuna runs them).
    /// </summary>
    public const string Default = "nsga3-budget";

    /// <summary>The optimizer that measures every configuration once (no budget below 1, no repeats).</summary>
    public const string Exhaustive = "exhaustive";

    public static IEnumerable<string> Names => Factories.Keys;

    /// <summary>True for <see cref="Exhaustive"/>, in any case.</summary>
    public static bool IsExhaustive(string name) => string.Equals(name, Exhaustive, StringComparison.OrdinalIgnoreCase);

    public static IMultiObjectiveOptimizer Create(string name) => Factories.TryGetValue(name, out var factory)
        ? factory()
        : throw new ArgumentException($"Unknown optimizer '{name}'; choose one of: {string.Join(", ", Factories.Keys)}.");
}
