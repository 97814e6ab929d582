using DynaSplit.Optimization;

namespace DynaSplit.Cli;

/// <summary>The optimizers the CLI can run by name.</summary>
internal static class OptimizerCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<IMultiObjectiveOptimizer>> Factories =
        new Dictionary<string, Func<IMultiObjectiveOptimizer>>(StringComparer.OrdinalIgnoreCase)
        {
            ["nsga3"] = () => new Nsga3Optimizer(new Nsga3Options { PreSelectionCandidates = PreSelectionCandidates }),
            ["nsga3-plain"] = () => new Nsga3Optimizer(),
            ["nsga2"] = () => new Nsga2Optimizer(new Nsga2Options { PreSelectionCandidates = PreSelectionCandidates }),
            ["nsga2-plain"] = () => new Nsga2Optimizer(),
            ["random"] = () => new RandomSearch(),
            ["exhaustive"] = () => new ExhaustiveSearch(),
        };

    /// <summary>
    /// Candidates bred per proposal for the surrogate's pre-selection in "nsga3" and "nsga2"; the "-plain"
    /// variants are the algorithms as published (and as Optuna runs them).
    /// </summary>
    public const int PreSelectionCandidates = 16;

    /// <summary>The default optimizer of the offline phase: NSGA-III (the paper's sampler) with surrogate pre-selection.</summary>
    public const string Default = "nsga3";

    public static IEnumerable<string> Names => Factories.Keys;

    public static IMultiObjectiveOptimizer Create(string name) => Factories.TryGetValue(name, out var factory)
        ? factory()
        : throw new ArgumentException($"Unknown optimizer '{name}'; choose one of: {string.Join(", ", Factories.Keys)}.");
}
