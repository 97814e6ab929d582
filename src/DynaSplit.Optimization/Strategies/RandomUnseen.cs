using DynaSplit.Optimization.Diagnostics;
using DynaSplit.Optimization.Evolutionary;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// The fallback of every strategy: a uniformly drawn valid configuration never proposed. Enumerated spaces draw from
/// the unseen pool (exact: false means the space is exhausted); others by rejection sampling of random genomes.
/// </summary>
internal sealed class RandomUnseen(SearchContext context)
{
    private const int RejectionAttempts = 10_000;

    /// <summary>Emits one; false when none was found.</summary>
    public bool TryEmit(IOffspringSink sink)
    {
        if (context.IsEnumerable)
        {
            return sink.EmitRandomUnseen(context.Random);
        }

        var space = context.Space;
        var buffer = context.Buffer;
        for (var attempt = 0; attempt < RejectionAttempts; attempt++)
        {
            var genes = context.Variation.RandomGenome();
            context.Codec.Normalize(genes);
            context.Codec.Decode(genes, buffer);
            if (!space.IsValid(buffer))
            {
                continue;
            }

            var configuration = space.Create(buffer);
            if (!sink.IsTaken(configuration))
            {
                sink.Emit(configuration, genes);
                return true;
            }
        }

        OptimizationLog.NoUnseenConfigurationFound(context.Logger, context.AlgorithmName, RejectionAttempts);
        return false;
    }
}
