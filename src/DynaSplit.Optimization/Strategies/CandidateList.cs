using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Candidates for pre-selection: bred or drawn like proposals, but nothing is marked seen, so the ones the surrogate
/// does not choose stay available. A candidate is never collected twice in one round. Used on enumerated spaces only,
/// so candidates are told apart by their ordinals.
/// </summary>
internal sealed class CandidateList(ProposalLedger ledger, GenomeCodec codec, ConfigurationSpace space) : IOffspringSink
{
    private const int DrawAttempts = 16;
    private readonly HashSet<long> _tentative = [];

    // Drawn and enumerated candidates are encoded once per session, not once per round (their genes are only read).
    private readonly Dictionary<Configuration, double[]> _encoded = [];

    /// <summary>The candidates, in the order they were made (their genes are shared: copy before changing them).</summary>
    public List<(Configuration Configuration, double[] Genes)> Items { get; } = [];

    /// <inheritdoc />
    public int Count => Items.Count;

    /// <inheritdoc />
    public bool Commits => false;

    /// <inheritdoc />
    public bool IsTaken(Configuration configuration) =>
        ledger.IsSeen(configuration) || (_tentative.Count > 0 && _tentative.Contains(space.GetOrdinal(configuration.Values)));

    /// <inheritdoc />
    public bool IsFree(long ordinal) => ledger.Pool!.IsUnseen(ordinal) && !_tentative.Contains(ordinal);

    /// <inheritdoc />
    public void Emit(Configuration configuration, double[] genes)
    {
        _tentative.Add(codec.Ordinal(genes));
        Items.Add((configuration, (double[])genes.Clone()));
    }

    /// <summary>Draws without taking; a few draws that hit this round's candidates end the round.</summary>
    public bool EmitRandomUnseen(Random random)
    {
        for (var attempt = 0; attempt < DrawAttempts; attempt++)
        {
            var drawn = ledger.Pool!.PeekRandom(random);
            if (drawn is null)
            {
                return false;
            }

            if (_tentative.Add(space.GetOrdinal(drawn.Values)))
            {
                Items.Add((drawn, Encoded(drawn)));
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds every unseen configuration not yet a candidate (an enumerated space small enough to rate whole).</summary>
    public void EmitAllUnseen()
    {
        foreach (var configuration in ledger.Pool!.Unseen)
        {
            if (_tentative.Add(space.GetOrdinal(configuration.Values)))
            {
                Items.Add((configuration, Encoded(configuration)));
            }
        }
    }

    /// <summary>
    /// Adds every valid unseen configuration that differs from one of <paramref name="members"/> in one discrete
    /// parameter (the members' whole one-step neighbourhood).
    /// </summary>
    public void EmitNeighbours(IReadOnlyList<Individual> members, double[] buffer)
    {
        var probe = new double[codec.Length];
        foreach (var member in members)
        {
            for (var i = 0; i < codec.Length; i++)
            {
                if (codec.Kinds[i] == ParameterKind.Real)
                {
                    continue;
                }

                var own = (int)member.Genes[i];
                var first = codec.Ordinal(member.Genes) - (own * codec.Stride(i));
                member.Genes.CopyTo(probe, 0);
                for (var level = 0; level <= (int)codec.Upper[i]; level++)
                {
                    if (level == own || !IsFree(first + (level * codec.Stride(i))))
                    {
                        continue;
                    }

                    probe[i] = level;
                    codec.Decode(probe, buffer);
                    Emit(space.Create(buffer), probe);
                }
            }
        }
    }

    private double[] Encoded(Configuration configuration)
    {
        if (!_encoded.TryGetValue(configuration, out var genes))
        {
            genes = codec.Encode(configuration);
            _encoded[configuration] = genes;
        }

        return genes;
    }

    /// <summary>Empties the list for the next round.</summary>
    public void Clear()
    {
        Items.Clear();
        _tentative.Clear();
    }
}
