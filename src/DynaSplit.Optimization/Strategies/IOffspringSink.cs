using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Where the breeding strategies put what they make: proposals (<see cref="ProposalQueue"/>, marked seen at once)
/// or candidates for the surrogate to choose from (<see cref="CandidateList"/>, nothing marked seen).
/// </summary>
internal interface IOffspringSink
{
    /// <summary>Configurations in the sink.</summary>
    int Count { get; }

    /// <summary>
    /// True when what is emitted is proposed (so a neighbourhood found full stays full); false for candidates,
    /// of which only some will be proposed.
    /// </summary>
    bool Commits { get; }

    /// <summary>True when the configuration was proposed or told, or is already in the sink.</summary>
    bool IsTaken(Configuration configuration);

    /// <summary>
    /// True when the configuration with this ordinal (<see cref="Evolutionary.GenomeCodec.Ordinal"/>) is valid, never
    /// proposed, and not in the sink. Enumerated spaces only.
    /// </summary>
    bool IsFree(long ordinal);

    /// <summary>Puts a configuration and its genome in the sink.</summary>
    void Emit(Configuration configuration, double[] genes);

    /// <summary>Puts a uniformly drawn unseen configuration in the sink; false when none is left. Enumerated spaces only.</summary>
    bool EmitRandomUnseen(Random random);
}
