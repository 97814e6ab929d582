using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// Repair of a bred child: emitted as is when it is valid and new; otherwise mutated further (one, then more genes
/// as attempts grow) up to <see cref="GeneticOptions.MaxRepairAttempts"/> times; then replaced by a random unseen
/// configuration.
/// </summary>
internal sealed class ChildRepair(SearchContext context, RandomUnseen fallback)
{
    /// <summary>Emits the child or its repair; false when no new valid configuration is left.</summary>
    public bool TryEmit(double[] genes, IOffspringSink sink)
    {
        var space = context.Space;
        var buffer = context.Buffer;
        for (var attempt = 0; attempt <= context.Options.MaxRepairAttempts; attempt++)
        {
            if (attempt > 0)
            {
                context.Variation.Perturb(genes, 1 + (attempt / 8));
            }

            context.Codec.Normalize(genes);
            if (context.IsEnumerable)
            {
                // The unseen pool holds exactly the valid configurations not proposed yet: one lookup by ordinal,
                // without decoding or allocating, answers both questions below.
                if (!sink.IsFree(context.Codec.Ordinal(genes)))
                {
                    continue;
                }

                context.Codec.Decode(genes, buffer);
                sink.Emit(space.Create(buffer), genes);
                return true;
            }

            context.Codec.Decode(genes, buffer);
            if (!space.IsValid(buffer))
            {
                continue;
            }

            var configuration = space.Create(buffer);
            if (sink.IsTaken(configuration))
            {
                continue;
            }

            sink.Emit(configuration, genes);
            return true;
        }

        return fallback.TryEmit(sink);
    }
}
