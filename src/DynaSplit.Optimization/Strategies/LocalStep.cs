using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Local exploitation on enumerated spaces: a copy of a configuration of the non-dominated archive (members tried
/// in random order) with one randomly chosen parameter mutated (polynomial step on the level index of an integer or
/// ordinal parameter, another choice of a categorical one), valid and unseen; when a few random steps miss, the
/// nearest unseen level of one parameter. A member found without any unseen neighbour while proposing is skipped
/// from then on (seen configurations only accumulate).
/// </summary>
internal sealed class LocalStep(SearchContext context, ParetoArchive archive)
{
    private readonly double[] _scratch = new double[context.Codec.Length];
    private int[] _memberOrder = new int[16];

    /// <summary>Emits one step; false when no member has an unseen neighbour (the caller then breeds by crossover).</summary>
    public bool TryEmit(IOffspringSink sink)
    {
        var members = archive.Members;
        var count = members.Count;
        if (count == 0)
        {
            return false;
        }

        if (_memberOrder.Length < count)
        {
            _memberOrder = new int[Math.Max(count, 2 * _memberOrder.Length)];
        }

        var order = _memberOrder.AsSpan(0, count);
        for (var k = 0; k < count; k++)
        {
            order[k] = k;
        }

        var random = context.Random;
        var codec = context.Codec;
        var buffer = context.Buffer;
        random.Shuffle(order);
        var attempts = 4 * codec.Length;
        var genes = _scratch;
        for (var k = 0; k < count; k++)
        {
            var member = members[order[k]];
            if (member.NeighboursExhausted)
            {
                continue;
            }

            // A step changes one gene to another level (already normalized), so the ordinal moves by the level
            // difference times that gene's stride; the gene is put back after a miss.
            member.Genes.CopyTo(genes, 0);
            var ordinal = codec.Ordinal(genes);
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var i = random.Next(codec.Length);
                var own = genes[i];
                context.Variation.MutateGene(genes, i);
                if (!sink.IsFree(ordinal + (((long)genes[i] - (long)own) * codec.Stride(i))))
                {
                    genes[i] = own;
                    continue;
                }

                codec.Decode(genes, buffer);
                sink.Emit(context.Space.Create(buffer), (double[])genes.Clone());
                return true;
            }

            if (NearestUnseenNeighbour(member.Genes, sink) is { } neighbour)
            {
                codec.Decode(neighbour, buffer);
                sink.Emit(context.Space.Create(buffer), neighbour);
                return true;
            }

            // Among candidates, this round's candidates may be what fills the neighbourhood.
            member.NeighboursExhausted = sink.Commits;
        }

        return false;
    }

    /// <summary>
    /// A valid unseen configuration that differs from <paramref name="genes"/> in one discrete parameter (parameters
    /// in a random rotation), at the nearest level of an integer or ordinal one, any choice of a categorical one;
    /// null when there is none.
    /// </summary>
    private double[]? NearestUnseenNeighbour(double[] genes, IOffspringSink sink)
    {
        var codec = context.Codec;
        var ordinal = codec.Ordinal(genes);
        var first = context.Random.Next(codec.Length);
        for (var k = 0; k < codec.Length; k++)
        {
            var i = (first + k) % codec.Length;
            if (codec.Kinds[i] == ParameterKind.Real)
            {
                continue;
            }

            // Probes are checked by ordinal (the member's, moved by the level difference times the gene's stride);
            // only the one found is built.
            var own = (int)genes[i];
            var top = (int)codec.Upper[i];
            var stride = codec.Stride(i);
            for (var distance = 1; distance <= top; distance++)
            {
                foreach (var level in (ReadOnlySpan<int>)[own - distance, own + distance])
                {
                    if (level < 0 || level > top || !sink.IsFree(ordinal + ((level - own) * stride)))
                    {
                        continue;
                    }

                    var probe = (double[])genes.Clone();
                    probe[i] = level;
                    return probe;
                }
            }
        }

        return null;
    }
}
