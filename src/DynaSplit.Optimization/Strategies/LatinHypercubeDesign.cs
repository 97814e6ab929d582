using DynaSplit.Optimization.Evolutionary;
using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Strategies;

/// <summary>
/// The initial design: the prior configurations first (those valid and not yet told), then a Latin hypercube over
/// the parameters' levels, in which every level of every parameter appears as evenly as the count allows (so the ends
/// of each range, such as all-cloud and all-edge splits, are tried), each row matched to the valid unseen
/// configuration that agrees with it best (enumerated spaces) or repaired like a child (others). Its size is fixed
/// when it is first used: the given size less the trials told by then (a warm start shortens it), or, without a
/// size, one population (the published first generation, whatever was told before).
/// </summary>
internal sealed class LatinHypercubeDesign(SearchContext context, int? size, int population, IReadOnlyList<Configuration> priors, ChildRepair repair)
{
    private const int ClosestMatchLimit = 200_000;
    private Queue<Configuration>? _priors;
    private Queue<double[]>? _rows;

    /// <summary>True once every prior and row was emitted.</summary>
    public bool IsDone
    {
        get
        {
            Start();
            return _priors!.Count == 0 && _rows!.Count == 0;
        }
    }

    /// <summary>Priors and rows not emitted yet.</summary>
    public int Remaining
    {
        get
        {
            Start();
            return _priors!.Count + _rows!.Count;
        }
    }

    /// <summary>Emits the next configuration of the design; false when the design is done or nothing matched.</summary>
    public bool TryEmit(IOffspringSink sink)
    {
        Start();
        while (_priors!.TryDequeue(out var prior))
        {
            if (!sink.IsTaken(prior))
            {
                sink.Emit(prior, context.Codec.Encode(prior));
                return true;
            }
        }

        if (!_rows!.TryDequeue(out var genes))
        {
            return false;
        }

        var pool = context.Ledger.Pool;
        if (pool is not null && pool.Count <= ClosestMatchLimit)
        {
            var levels = new int[genes.Length];
            for (var j = 0; j < levels.Length; j++)
            {
                levels[j] = context.Codec.Kinds[j] == ParameterKind.Real ? -1 : (int)genes[j];
            }

            var configuration = pool.TakeClosest(levels, context.Random);
            if (configuration is null)
            {
                return false;
            }

            sink.Emit(configuration, context.Codec.Encode(configuration));
            return true;
        }

        return repair.TryEmit(genes, sink);
    }

    private void Start()
    {
        if (_rows is not null)
        {
            return;
        }

        var valid = priors.Where(p => context.Space.IsValid(p) && !context.Ledger.IsSeen(p)).Distinct().ToList();
        var total = size is { } n ? Math.Max(0, n - context.Ledger.Told) : population;
        _priors = new Queue<Configuration>(valid);
        _rows = new Queue<double[]>(Rows(Math.Max(0, total - valid.Count)));
    }

    private double[][] Rows(int count)
    {
        var codec = context.Codec;
        var random = context.Random;
        var design = new double[count][];
        for (var i = 0; i < count; i++)
        {
            design[i] = new double[codec.Length];
        }

        if (count == 0)
        {
            return design;
        }

        for (var j = 0; j < codec.Length; j++)
        {
            if (codec.Kinds[j] == ParameterKind.Real)
            {
                var strata = Enumerable.Range(0, count).ToArray();
                random.Shuffle(strata);
                for (var i = 0; i < count; i++)
                {
                    design[i][j] = codec.Lower[j] + ((strata[i] + random.NextDouble()) / count * (codec.Upper[j] - codec.Lower[j]));
                }

                continue;
            }

            // Whole random permutations of the levels, one after the other, cut to the count.
            var levels = (int)codec.Upper[j] + 1;
            var block = Enumerable.Range(0, levels).ToArray();
            for (var i = 0; i < count; i++)
            {
                if (i % levels == 0)
                {
                    random.Shuffle(block);
                }

                design[i][j] = block[i % levels];
            }
        }

        return design;
    }
}
