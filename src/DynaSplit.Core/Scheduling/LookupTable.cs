using DynaSplit.Objectives;
using DynaSplit.Spaces;
using DynaSplit.Trials;

namespace DynaSplit.Scheduling;

/// <summary>
/// The offline phase's product: the Pareto-optimal configurations with their expected latency, energy and
/// accuracy. Saved as JSON (<see cref="LookupTableJson"/>), loaded in milliseconds, queried by the scheduler
/// without allocation.
/// </summary>
public sealed class LookupTable
{
    /// <summary>Creates a table; every entry must belong to a space with <paramref name="space"/>'s parameters.</summary>
    public LookupTable(ConfigurationSpace space, IReadOnlyList<ObjectiveDefinition> objectives, IEnumerable<LookupEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(entries);
        Space = space;
        Objectives = objectives.ToArray();
        Entries = entries.ToArray();
        foreach (var entry in Entries)
        {
            if (!space.HasSameParameters(entry.Configuration.Space))
            {
                throw new ArgumentException($"Entry '{entry.Configuration.Key}' belongs to a space with other parameters than the table's.", nameof(entries));
            }
        }
    }

    /// <summary>What the table was made for (model, tiers); <see cref="TableBinding.Unknown"/> for tables without a header.</summary>
    public TableBinding Binding { get; init; } = TableBinding.Unknown;

    /// <summary>The space of the configurations (parameters only: rules are not kept in a saved table).</summary>
    public ConfigurationSpace Space { get; }

    /// <summary>The objectives the entries are Pareto-optimal in.</summary>
    public IReadOnlyList<ObjectiveDefinition> Objectives { get; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<LookupEntry> Entries { get; }

    /// <summary>A table of the complete trials given (typically the Pareto set).</summary>
    public static LookupTable FromTrials(ConfigurationSpace space, IReadOnlyList<ObjectiveDefinition> objectives, IEnumerable<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return new LookupTable(
            space,
            objectives,
            trials.Where(t => t.Status == TrialStatus.Complete)
                .Select(t => LookupEntry.FromTrial(t.Configuration, t.Measurement!, objectives)));
    }
}
