using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization;

/// <summary>Settings of <see cref="Nsga3Optimizer"/> (Deb and Jain 2014).</summary>
public sealed class Nsga3Options : GeneticOptions
{
    /// <summary>Creates the settings with NSGA-III's defaults (crossover distribution index 30, as Deb and Jain use).</summary>
    public Nsga3Options()
    {
        CrossoverEta = 30;
    }

    /// <summary>
    /// Settings for the budget-aware search (sizes adapted to the budget, the surrogate guiding after a small initial
    /// design, the split corners tried first); see <see cref="GeneticOptions.AdaptToBudget"/>.
    /// </summary>
    public static Nsga3Options BudgetAware()
    {
        var options = new Nsga3Options();
        options.UseBudgetAwareSearch();
        return options;
    }

    /// <summary>
    /// The Das-Dennis dividing parameter: reference points are the multiples of 1/Divisions on the unit simplex.
    /// The paper's setup (Optuna's default) uses 3, which gives 10 points for 3 objectives.
    /// </summary>
    public int Divisions { get; set; } = 3;

    /// <summary>Explicit reference points (each of the problem's dimension, in normalized objective space); replace the Das-Dennis points when set.</summary>
    public IReadOnlyList<double[]>? ReferencePoints { get; set; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var failures = new List<string>(base.Validate());
        if (Divisions < 1)
        {
            failures.Add($"Divisions is {Divisions}; it must be at least 1 (the paper uses 3).");
        }
        else if (ReferencePoints is null && ReferenceDirections.Count(3, Divisions) > 100_000)
        {
            failures.Add($"Divisions is {Divisions}, which gives too many reference points; use fewer.");
        }

        if (ReferencePoints is { Count: 0 })
        {
            failures.Add("ReferencePoints is empty; leave it null to use the Das-Dennis points.");
        }

        if (ReferencePoints is not null && ReferencePoints.Any(p => p is null || p.Length == 0 || p.Any(v => !double.IsFinite(v) || v < 0) || p.Sum() <= 0))
        {
            failures.Add("Every reference point needs finite, non-negative coordinates that are not all 0.");
        }

        return failures;
    }
}
