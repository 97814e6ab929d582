using DynaSplit.Optimization;

namespace DynaSplit.Cli;

/// <summary>The optimizers the CLI can run by name.</summary>
internal static class OptimizerCatalog
{
    private static readonly IReadOnlyDictionary<string, Func<IMultiObjectiveOptimizer>> Factories =
        new Dictionary<string, Func<IMultiObjectiveOptimizer>>(StringComparer.OrdinalIgnoreCase)
        {
            ["exhaustive"] = () => new ExhaustiveSearch(),
            ["random"] = () => new RandomSearch(),
        };

    /// <summary>The default optimizer of the offline phase.</summary>
    public const string Default = "random";

    public static IEnumerable<string> Names => Factories.Keys;

    public static IMultiObjectiveOptimizer Create(string name) => Factories.TryGetValue(name, out var factory)
        ? factory()
        : throw new ArgumentException($"Unknown optimizer '{name}'; choose one of: {string.Join(", ", Factories.Keys)}.");
}
