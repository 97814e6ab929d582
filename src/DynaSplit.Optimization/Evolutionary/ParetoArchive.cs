using DynaSplit.Objectives;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// A non-dominated set kept up to date on each tell: the first front of the current parents (reset at each
/// environmental selection) plus the results told since, so it holds at most about two populations and a tell
/// costs O(population). While the first front fits in the population (elitism keeps it whole), it is exactly the
/// non-dominated set of every result told so far.
/// </summary>
internal sealed class ParetoArchive
{
    private readonly List<Individual> _members = [];

    /// <summary>The current non-dominated individuals, in the order they entered.</summary>
    public IReadOnlyList<Individual> Members => _members;

    /// <summary>Replaces the members with <paramref name="front"/> (mutually non-dominated individuals).</summary>
    public void Reset(IEnumerable<Individual> front)
    {
        _members.Clear();
        _members.AddRange(front);
    }

    /// <summary>Adds <paramref name="individual"/> unless a member dominates it, and drops the members it dominates.</summary>
    public void Add(Individual individual)
    {
        foreach (var member in _members)
        {
            if (Pareto.ConstrainedDominates(member.Objectives, member.Violation, individual.Objectives, individual.Violation))
            {
                return;
            }
        }

        _members.RemoveAll(member => Pareto.ConstrainedDominates(individual.Objectives, individual.Violation, member.Objectives, member.Violation));
        _members.Add(individual);
    }
}
